/**
 * Container networks: Docker's networking model (the {@code bridge}, {@code host} and {@code none}
 * networks, user-defined bridge networks, published ports, names between containers) built on the CNI
 * plugins of Debian's {@code containernetworking-plugins}, run as the CNI spec says ({@link dev.strata.network.cni}).
 *
 * <p><b>What is owned, and where.</b> Everything lives under {@code ROOT/network/}:
 * <ul>
 *   <li>{@code networks/ID.json}: each network ({@link dev.strata.network.Network}), 64-hex IDs as Docker's;
 *       written by sync'd rename. A bridge network also owns, on the host, its bridge device (made by the
 *       bridge plugin at first use), one masquerade rule for its subnet (unless internal), and the firewall
 *       plugin's two isolation rules for the bridge; {@code network rm} removes the three
 *       ({@link dev.strata.network.HostRules}).</li>
 *   <li>{@code containers/ID.json}: each container's {@link dev.strata.network.Membership}: the networks it
 *       asked for, and while attached its namespace, endpoints (address, MAC, the plugins' last result),
 *       host ports and holder (pid and start time of its watcher). Replaced by rename, not synced: it means
 *       nothing after a reboot. {@code containers/ID.lock} serialises attach and detach of one container.</li>
 *   <li>{@code netns/ID}: the container's network namespace, pinned by a bind mount of its nsfs file.</li>
 *   <li>{@code leases/NETWORK-ID/}: host-local IPAM's leases, one file per address naming the container;
 *       {@code tuning/}: the tuning plugin's saved state.</li>
 * </ul>
 * Per container, on the host: a veth pair (the bridge plugin's), two FORWARD accept rules for its address
 * (the firewall plugin's), and while its watcher lives, the published ports' sockets and proxies
 * ({@link dev.strata.network.port}). Names between containers are lines in each member's hosts file,
 * kept current in place ({@link dev.strata.network.names.HostsFile} says why not a resolver).
 *
 * <p><b>Order, and what a crash leaves.</b> An attach records the membership (with its host ports
 * bound) before it makes the namespace, and records each plugin's result before it runs the next; a
 * detach runs the plugins' DEL in reverse with the recorded result, then unpins the namespace, and only
 * then clears the record. So a process killed at any point leaves a record that names everything it
 * made: a namespace, a veth, a lease, firewall rules, at most one plugin beyond what the record knows,
 * which that plugin's DEL (idempotent by the spec) undoes anyway. A killed watcher takes its sockets with
 * it; the container's ports stop answering until it is stopped, when the network is released.
 *
 * <p><b>How the sweep finds it.</b> {@link dev.strata.network.Attachments#sweep} runs before every attach,
 * {@code ps}, {@code network rm} and {@code network prune}: a membership whose holder is dead and whose
 * container no longer runs is detached; one whose container record is gone is detached and forgotten;
 * a pinned namespace no membership names is unpinned. After a reboot the namespaces, veths and rules are
 * gone with the kernel's state, the records are cleared by the same rule, and leases (files) are released
 * by the DEL the sweep runs; a bridge that went with the reboot is made again, with its masquerade rule,
 * at the next attach.
 */
package dev.strata.network;
