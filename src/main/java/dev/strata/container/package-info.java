/**
 * Containers: records in a store, run through an OCI runtime from a bundle Strata writes.
 *
 * <p><b>Seams.</b> {@link dev.strata.container.Containers} is the library API the CLI calls. Where a
 * container's root file system comes from is one small interface, {@link dev.strata.container.RootFsProvider}
 * (prepare on create, mount, diff, release on rm); the snapshot-backed one lives with the snapshotters.
 * The runtime is a binary with runc's command line ({@code runc}, or {@code crun} with {@code --runtime}),
 * driven by {@link dev.strata.container.OciRuntime} with its state under {@code ROOT/runtime/NAME}.
 *
 * <p><b>Files.</b> {@code ROOT/containers/ID/} is the container's bundle and its record:
 * {@code config.v2.json} (Docker's field names), {@code config.json} (the OCI spec), {@code ID-json.log}
 * (Docker's json-file log), {@code hostname}, {@code hosts}, {@code resolv.conf} (bound into the
 * container), {@code runtime.log} (the runtime's own JSON log, where failures are read from) and
 * {@code monitor.log}. {@code ROOT/containers/names/NAME} links a name to its ID. Records change only
 * by whole-file rename under {@code ROOT/containers/lock}, so any number of {@code strata} processes can
 * read without locking and write without losing each other's changes.
 *
 * <p><b>Who watches a container.</b> Exactly one process waits for a container's exit and records it:
 * the {@code strata run} process itself when attached, or, for {@code run -d} and {@code start}, a
 * monitor: a second JVM ({@code dev.strata.host.ContainerMonitor}) in its own session, which tells its launcher
 * on a pipe once the container runs and then outlives it. Without a terminal the runtime runs in the
 * foreground ({@code runc run}), so one runtime call both starts the container and reports its exit
 * status. With a terminal, the runtime runs detached and sends the terminal's master over a unix socket
 * ({@code --console-socket}, received with SCM_RIGHTS through the FFM API); the watcher is a child
 * subreaper, so the container's init becomes its child when the runtime exits, and it waits for it
 * directly. The record names the watcher (pid and start time): if it dies while the container runs, the
 * next reader asks the runtime, and once the container is gone records containerd's "unknown" exit
 * status 255 with an error saying why.
 *
 * <p><b>Attaching.</b> A container with {@code -i} or {@code -t} always runs under its monitor, even for
 * {@code run} without {@code -d} and {@code start -a}: the monitor owns its terminal master (or its stdin
 * and output pipes) and serves {@code ROOT/containers/ID/attach.sock} (mode 0600; a link to a socket in a
 * private temporary directory when the path is too long for one), on which {@code attach} and the CLI's
 * own {@code run -it} and {@code start -ai} are clients ({@link dev.strata.container.ContainerAttach}; the
 * protocol is {@link dev.strata.container.AttachFrames}). Output goes to the log and to every client
 * attached at the time; input from any client goes to the container; the detach keys, watched by the
 * client on a terminal's input, end one client and leave the container running. A launcher that attaches
 * next leaves {@code attach.hold}, so the monitor keeps output and the exit until that client comes. A
 * container without {@code -i} or {@code -t}, run in the foreground, is watched by {@code strata run}
 * itself, as before, and cannot be attached to.
 *
 * <p><b>Networks.</b> A container on Strata's networks ({@code bridge}, the default, or a user-defined one)
 * is registered with {@link dev.strata.network.Attachments} at create and attached by its watcher at each
 * start, beside the mount of its root file system ({@link dev.strata.container.ContainerNetwork}); the
 * runtime joins the namespace that made. The watcher releases it once the container has exited; if the
 * watcher died, whoever next finds the container stopped ({@link dev.strata.container.Containers#refresh})
 * does, and {@code rm} forgets it before the record goes.
 *
 * <p><b>Docker's defaults, and where Strata differs.</b> The spec is Docker 20.10's for a non-privileged
 * container (namespaces, capabilities, masked and read-only paths, mounts, device rules), except that
 * no seccomp profile is applied.
 */
package dev.strata.container;
