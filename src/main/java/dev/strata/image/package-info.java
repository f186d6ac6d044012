/**
 * The image model: config, manifest, index and descriptor records that are the JSON, and
 * {@link dev.strata.image.Image}, which keeps a config's raw bytes next to its parsed form because
 * the image ID is the digest of those bytes.
 */
package dev.strata.image;
