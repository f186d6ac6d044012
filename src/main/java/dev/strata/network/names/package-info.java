/** What a container's {@code /etc/hosts} and {@code /etc/resolv.conf} say, by Docker's rules. */
package dev.strata.network.names;
