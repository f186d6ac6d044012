/**
 * Strata wired together on one machine: {@link dev.strata.host.Host} opens the store and its containers
 * (snapshot root file systems, the OCI runtime, the monitor process) for any program that drives them,
 * and {@link dev.strata.host.ContainerMonitor} is the monitor process's own entry point. The CLI is one
 * such program; the Engine API daemon and Java programs are others. Nothing here holds logic of its own.
 */
package dev.strata.host;
