/**
 * Strata's registry configuration: where its config directory is ({@link
 * dev.strata.registry.client.config.ConfigDirectory}: {@code $STRATA_CONFIG}, {@code /etc/strata} for
 * root, {@code ~/.config/strata} otherwise) and what its {@code config.json} says about registries
 * ({@link dev.strata.registry.client.config.RegistryConfig}: Docker's {@code registry-mirrors} and
 * {@code insecure-registries}, and {@code mirrors} for any registry), with which hosts may be reached over
 * plain HTTP.
 */
package dev.strata.registry.client.config;
