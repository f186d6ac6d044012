/** Network namespaces pinned to a file, made and removed without a child process. */
package dev.strata.network.netns;
