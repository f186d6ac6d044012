package dev.strata.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start the process that watches a detached container: a second JVM running Strata's hidden
 * {@code container-monitor ID} entry, in its own session (via {@code setsid}) so that closing the terminal
 * or pressing Ctrl-C where {@code strata run -d} was typed does not reach it. The command is given by
 * whoever wires the engine (the CLI knows its own main class and launcher flags); the container ID is
 * appended.
 */
public record MonitorLauncher(List<String> commandPrefix) {
    public MonitorLauncher {
        commandPrefix = List.copyOf(commandPrefix);
    }

    /**
     * This JVM again, with this class path, running {@code mainClass} with {@code arguments} then the ID;
     * small-footprint flags, since a monitor lives as long as its container and does little.
     */
    public static MonitorLauncher sameJvm(String mainClass, List<String> arguments) {
        List<String> self = ownCommandLine();
        String java = self.isEmpty() ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : self.getFirst();
        // about 75 MB resident, much of it libjvm and class data shared with every other JVM
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(startupArchiveFlags(self));
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m",
                "-Xss256k", "-Xms4m", "-Xmx32m", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(arguments);
        return new MonitorLauncher(command);
    }

    /**
     * The AOT cache or CDS archive flags on this JVM's command line {@code self}, so the monitor starts as
     * fast as the command that launched it (a cache made under another garbage collector still serves its classes).
     */
    static List<String> startupArchiveFlags(List<String> self) {
        List<String> out = new ArrayList<>();
        for (String argument : self.isEmpty() ? self : self.subList(1, self.size())) {
            if (argument.equals("-cp") || argument.equals("-classpath") || argument.equals("-jar")
                    || !argument.startsWith("-")) {
                break; // JVM options end where the class path or main class begins
            }
            if (argument.startsWith("-XX:AOTCache=") || argument.startsWith("-XX:SharedArchiveFile=")
                    || argument.startsWith("-Xshare:")) {
                out.add(argument);
            }
        }
        if (!out.isEmpty()) {
            // the monitor's flags differ from the cache's, and the JVM says so in warnings that go to
            // stdout by default: the monitor's stdout is its report to the launcher, so they go to stderr
            out.addAll(0, List.of("-Xlog:disable", "-Xlog:all=warning:stderr"));
        }
        return out;
    }

    /**
     * This process's command line, from /proc rather than ProcessHandle, whose first use starts the JDK's
     * process reaper (milliseconds for every container command, which need only the words).
     */
    private static List<String> ownCommandLine() {
        byte[] raw;
        try {
            raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (java.io.IOException e) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                words.add(new String(raw, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return words;
    }

    /**
     * The full command for container {@code id}, in a new session when {@code setsid} is available, and
     * forked by it ({@code --fork}): the launching JVM's child is then setsid, which exits at once, not the
     * monitor, which outlives it. While a child runs, the JDK's process reaper waits for it in native code,
     * and a JVM exiting with a thread in native code waits up to 300 ms for it: every {@code run -d} and
     * {@code start} paid that on its way out (run -d of an httpd: 635 ms, 300 of them that wait).
     */
    public List<String> command(String id) {
        List<String> command = new ArrayList<>(ContainerRun.setsid());
        if (!command.isEmpty()) {
            command.add("--fork");
        }
        command.addAll(commandPrefix);
        command.add(id);
        return command;
    }
}
