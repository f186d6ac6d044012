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
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // about 75 MB resident, much of it libjvm and class data shared with every other JVM
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(startupArchiveFlags());
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m",
                "-Xss256k", "-Xms4m", "-Xmx32m", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(arguments);
        return new MonitorLauncher(command);
    }

    /**
     * This JVM's AOT cache or CDS archive flags, so the monitor starts as fast as the command that launched
     * it (a cache made under another garbage collector still serves its classes).
     */
    static List<String> startupArchiveFlags() {
        List<String> out = new ArrayList<>();
        for (String argument : ProcessHandle.current().info().arguments().orElse(new String[0])) {
            if (argument.equals("-cp") || argument.equals("-classpath") || argument.equals("-jar")
                    || !argument.startsWith("-")) {
                break; // JVM options end where the class path or main class begins
            }
            if (argument.startsWith("-XX:AOTCache=") || argument.startsWith("-XX:SharedArchiveFile=")
                    || argument.startsWith("-Xshare:")) {
                out.add(argument);
            }
        }
        return out;
    }

    /** The full command for container {@code id}, in a new session when {@code setsid} is available. */
    public List<String> command(String id) {
        List<String> command = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid);
                break;
            }
        }
        command.addAll(commandPrefix);
        command.add(id);
        return command;
    }
}
