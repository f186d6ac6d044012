/**
 * TLS for registries as Docker sets it up: the system's CAs, plus per registry the CA certificates and
 * client certificate of a {@code certs.d/HOST[:PORT]/} directory ({@code *.crt}, {@code NAME.cert} with
 * {@code NAME.key}), read from Strata's own {@code certs.d} and from {@code /etc/docker/certs.d}. PEM
 * keys in PKCS#8, PKCS#1 and SEC 1 are read; encrypted keys are refused with a way to decrypt them.
 */
package dev.strata.registry.client.tls;
