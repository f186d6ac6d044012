package dev.strata.embed;

/** Where a container is in its life, as Docker's {@code State.Status} says it. */
public enum ContainerStatus {
    /** Made, never started. */
    CREATED,
    /** Its process runs. */
    RUNNING,
    /** Its processes are frozen. */
    PAUSED,
    /** Exited, and about to be started again by its restart policy. */
    RESTARTING,
    /** Its process has ended: see {@link ContainerInfo#exitCode}. */
    EXITED,
    /** Being removed. */
    REMOVING,
    /** Could not be removed whole. */
    DEAD
}
