package dev.strata.view;

import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;

/**
 * {@code GET /exec/{id}/json}: Docker's exec inspect object. {@code exitCode} is null until the process
 * has exited, as in Docker; Strata does not report the exec's pid (0).
 */
public record ExecInspect(String id, String containerId, boolean running, Integer exitCode, List<String> command,
                          boolean tty, String user, boolean openStdin, boolean openStdout, boolean openStderr)
        implements JsonWritable {
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("CanRemove", false)
                .field("ContainerID", containerId)
                .field("DetachKeys", "")
                .field("ExitCode", exitCode)
                .field("ID", id)
                .field("OpenStderr", openStderr)
                .field("OpenStdin", openStdin)
                .field("OpenStdout", openStdout)
                .name("ProcessConfig").beginObject()
                .field("arguments", command.subList(1, command.size()))
                .field("entrypoint", command.getFirst())
                .field("privileged", false)
                .field("tty", tty)
                .field("user", user)
                .endObject()
                .field("Running", running)
                .field("Pid", 0)
                .endObject();
    }
}
