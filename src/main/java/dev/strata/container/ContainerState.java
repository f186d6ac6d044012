package dev.strata.container;

import dev.strata.image.Timestamps;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/**
 * Where a container is in its life, with Docker's field names. Beside Docker's fields it records which
 * process watches the container ({@code monitorPid} and that process's start time, so a recycled pid
 * is not mistaken for it): the monitor is the only writer of the exit code, and when it is gone while
 * the record still says running, readers know the exit status can no longer be collected.
 */
public record ContainerState(
        Status status,
        boolean running,
        boolean paused,
        boolean restarting,
        boolean oomKilled,
        boolean dead,
        int pid,
        int exitCode,
        String error,
        String startedAt,
        String finishedAt,
        int monitorPid,
        long monitorStartedAt) implements JsonWritable {

    /** containerd's exit status for a process whose real status was lost. */
    public static final int UNKNOWN_EXIT_CODE = 255;

    /** Docker's status words, as {@code inspect} prints them. */
    public enum Status {
        CREATED, RUNNING, PAUSED, RESTARTING, EXITED, REMOVING, DEAD;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status ofWord(String word) {
            for (Status status : values()) {
                if (status.word().equals(word)) {
                    return status;
                }
            }
            throw new dev.strata.json.JsonException("State.Status: unknown container status \"" + word + "\"");
        }
    }

    /** Docker's fields, as inspect shows them, then the monitor's. */
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject();
        writeDockerMembers(out);
        out.field("MonitorPid", monitorPid).field("MonitorStartedAt", monitorStartedAt).endObject();
    }

    /** Docker's State members, in Docker's order. */
    void writeDockerMembers(JsonOut out) {
        out.field("Status", status == null ? null : status.word())
                .field("Running", running)
                .field("Paused", paused)
                .field("Restarting", restarting)
                .field("OOMKilled", oomKilled)
                .field("Dead", dead)
                .field("Pid", pid)
                .field("ExitCode", exitCode)
                .field("Error", error)
                .field("StartedAt", startedAt)
                .field("FinishedAt", finishedAt);
    }

    public static ContainerState fromJson(JsonObject o) {
        String status = o.string("Status");
        return new ContainerState(status == null ? null : Status.ofWord(status), o.bool("Running"), o.bool("Paused"),
                o.bool("Restarting"), o.bool("OOMKilled"), o.bool("Dead"), o.intValue("Pid"), o.intValue("ExitCode"),
                o.string("Error"), o.string("StartedAt"), o.string("FinishedAt"), o.intValue("MonitorPid"),
                o.longValue("MonitorStartedAt"));
    }

    public ContainerState {
        error = error == null ? "" : error;
        startedAt = startedAt == null ? Timestamps.ZERO : startedAt;
        finishedAt = finishedAt == null ? Timestamps.ZERO : finishedAt;
    }

    public static ContainerState created() {
        return new ContainerState(Status.CREATED, false, false, false, false, false, 0, 0, "", null, null, 0, 0);
    }

    /** The container's init process is {@code pid}, watched by monitor {@code monitorPid}. */
    public ContainerState started(int pid, String at, int monitorPid, long monitorStartedAt) {
        return new ContainerState(Status.RUNNING, true, false, false, false, false, pid, 0, "", at, Timestamps.ZERO,
                monitorPid, monitorStartedAt);
    }

    public ContainerState exited(int code, String at, String why) {
        return new ContainerState(Status.EXITED, false, false, false, false, false, 0, code, why, startedAt, at, 0, 0);
    }

    /**
     * Exited with {@code code} at {@code at}, and waiting for its monitor to start it again: Docker counts
     * such a container as running (so {@code rm} needs {@code -f}, {@code ps} lists it), with no process.
     */
    public ContainerState restartingAfter(int code, String at) {
        return new ContainerState(Status.RESTARTING, true, false, true, false, false, 0, code, "", startedAt, at,
                monitorPid, monitorStartedAt);
    }

    /** Start failed before the process ran: Docker leaves the container "created" with the error and code. */
    public ContainerState failedToStart(int code, String why) {
        return new ContainerState(startedAt.equals(Timestamps.ZERO) ? Status.CREATED : Status.EXITED, false, false,
                false, false, false, 0, code, why, startedAt, finishedAt, 0, 0);
    }

    /**
     * Claimed by the process that is about to start it (the state is otherwise unchanged), so a second
     * start of the same container sees that one is under way.
     */
    public ContainerState claimedBy(int monitorPid, long monitorStartedAt) {
        return new ContainerState(status, running, paused, restarting, oomKilled, dead, pid, exitCode, error, startedAt,
                finishedAt, monitorPid, monitorStartedAt);
    }

    public ContainerState paused(boolean paused) {
        return new ContainerState(paused ? Status.PAUSED : Status.RUNNING, running, paused, restarting, oomKilled,
                dead, pid, exitCode, error, startedAt, finishedAt, monitorPid, monitorStartedAt);
    }

    public ContainerState removing() {
        return new ContainerState(Status.REMOVING, running, paused, restarting, oomKilled, dead, pid, exitCode, error,
                startedAt, finishedAt, monitorPid, monitorStartedAt);
    }

    public boolean everStarted() {
        return !Timestamps.ZERO.equals(startedAt);
    }
}
