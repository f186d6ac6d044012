package dev.strata.embed;

import java.time.Instant;
import java.util.Map;

/**
 * A container as {@code strata inspect} shows it, for a program.
 *
 * @param name       without Docker's leading slash
 * @param image      the image as it was named when the container was made
 * @param imageId    the ID of that image
 * @param exitCode   the exit code of its process once it has ended (Docker's 128 + N after signal N), else 0
 * @param pid        its process's pid on this host while it runs, else 0
 * @param startedAt  when it last started, or null if it never did
 * @param finishedAt when it last ended, or null
 * @param error      why it failed to start or its exit status is unknown, or ""
 */
public record ContainerInfo(String id, String name, String image, String imageId, ContainerStatus status,
                            int exitCode, int pid, Instant created, Instant startedAt, Instant finishedAt,
                            String error, Map<String, String> labels) {
    public ContainerInfo {
        labels = Map.copyOf(labels);
    }

    /** True while its process runs (paused included). */
    public boolean running() {
        return status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED;
    }
}
