/**
 * A CNI runtime (CNI spec 1.0.0): configuration lists, the execution protocol (ADD, DEL, CHECK, with
 * {@code CNI_COMMAND}, {@code CNI_CONTAINERID}, {@code CNI_NETNS}, {@code CNI_IFNAME}, {@code CNI_PATH}
 * and the derived configuration on stdin), results and errors. Knows nothing of Strata's networks: it
 * runs whatever plugins a list names, from {@code /usr/lib/cni} (Debian) or {@code /opt/cni/bin}.
 */
package dev.strata.network.cni;
