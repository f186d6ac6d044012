package dev.strata.network.cni;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A CNI runtime: runs a {@link ConfigList}'s plugins as the spec's execution protocol says (section 2):
 * each plugin is the executable named by its {@code type}, found on {@code CNI_PATH}; the command, the
 * container ID, the namespace path and the interface name go in {@code CNI_COMMAND}, {@code CNI_CONTAINERID},
 * {@code CNI_NETNS}, {@code CNI_IFNAME}; the plugin's configuration, derived from the list (section 3), is
 * its stdin; its result or error is its stdout. ADD runs the plugins in order, each given the one before's
 * result as {@code prevResult}; DEL and CHECK run them in reverse with the attachment's final result.
 */
public final class Cni {
    /** Debian's plugins, then the upstream default location. */
    public static final List<Path> DEFAULT_PATH = List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin"));
    /** A plugin that waits longer than this for the xtables lock or a netlink answer is taken for hung. */
    private static final long TIMEOUT_SECONDS = 60;

    private final List<Path> path;
    private final String hostPath;

    /**
     * @param path     where plugins are looked up, in order
     * @param hostPath the PATH plugins get, so they find iptables and friends
     */
    public Cni(List<Path> path, String hostPath) {
        this.path = List.copyOf(path);
        this.hostPath = hostPath == null || hostPath.isEmpty() ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
                : hostPath;
    }

    /**
     * One attachment: the container, its namespace, the interface, and the runtime's values for the
     * capabilities plugins declare ({@code portMappings}, {@code ips}, {@code mac}...).
     */
    public record Attachment(String containerId, String netns, String ifname, Map<String, Object> capabilityArgs) {
        public Attachment {
            capabilityArgs = capabilityArgs == null ? Map.of() : Map.copyOf(capabilityArgs);
        }
    }

    /**
     * Told each plugin's result as ADD goes, so a caller can keep it before the next plugin runs; returns
     * capability values that only this result decides (a MAC address made from the address given), for the
     * plugins after it.
     */
    @FunctionalInterface
    public interface Progress {
        Map<String, Object> pluginAdded(int index, CniResult result) throws IOException;
    }

    /** The plugin binary for {@code type}, or an error that names the package to install. */
    public Path plugin(String type) throws CniException {
        if (type == null || type.isEmpty() || type.contains("/")) {
            throw new CniException("invalid CNI plugin type '" + type + "'");
        }
        for (Path dir : path) {
            Path candidate = dir.resolve(type);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw missing(type);
    }

    /** Checks that every plugin of {@code list} is installed, before anything is changed. */
    public void requirePlugins(ConfigList list) throws CniException {
        for (int i = 0; i < list.plugins().size(); i++) {
            plugin(list.type(i));
        }
    }

    private CniException missing(String type) {
        StringBuilder dirs = new StringBuilder();
        for (Path dir : path) {
            dirs.append(dirs.isEmpty() ? "" : ", ").append(dir);
        }
        return new CniException("the CNI plugin \"" + type + "\" is not installed (looked in " + dirs
                + "): install Debian's containernetworking-plugins package (apt-get install containernetworking-plugins)");
    }

    /** ADD: every plugin in order; the last plugin's result. Stops at the first failure, which is thrown. */
    public CniResult add(ConfigList list, Attachment attachment, Progress progress) throws IOException {
        requirePlugins(list);
        CniResult previous = null;
        Map<String, Object> capabilities = new LinkedHashMap<>(attachment.capabilityArgs());
        for (int i = 0; i < list.plugins().size(); i++) {
            Attachment current = new Attachment(attachment.containerId(), attachment.netns(), attachment.ifname(),
                    capabilities);
            byte[] out = exec("ADD", list, i, current, previous);
            CniResult result;
            try {
                result = CniResult.parse(out);
            } catch (IllegalArgumentException e) {
                throw new CniException("CNI plugin " + list.type(i) + " (ADD): " + e.getMessage());
            }
            capabilities.putAll(progress.pluginAdded(i, result));
            previous = result;
        }
        return previous;
    }

    /**
     * DEL: every plugin in reverse, each given {@code last} (the attachment's final result, or as far as
     * ADD got) as prevResult. A plugin that fails does not stop the others, since DEL is how leftovers are
     * cleaned; the first failure is thrown at the end. Plugins are to treat missing resources as success.
     */
    public void del(ConfigList list, Attachment attachment, CniResult last) throws IOException {
        requirePlugins(list);
        Exception first = null;
        for (int i = list.plugins().size() - 1; i >= 0; i--) {
            try {
                exec("DEL", list, i, attachment, last);
            } catch (IOException | CniException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first != null) {
            throw (CniException) first;
        }
    }

    /** CHECK: every plugin in reverse with the final result; throws the first plugin's complaint. */
    public void check(ConfigList list, Attachment attachment, CniResult last) throws IOException {
        requirePlugins(list);
        for (int i = list.plugins().size() - 1; i >= 0; i--) {
            exec("CHECK", list, i, attachment, last);
        }
    }

    /** The input of plugin {@code index} (section 3, "Deriving execution configuration from plugin configuration"). */
    static Map<String, Object> derive(ConfigList list, int index, Map<String, Object> capabilityArgs, CniResult previous) {
        Map<String, Object> plugin = list.plugins().get(index);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("cniVersion", list.cniVersion());
        config.put("name", list.name());
        for (Map.Entry<String, Object> member : plugin.entrySet()) {
            if (!member.getKey().equals("capabilities")) {
                config.put(member.getKey(), member.getValue());
            }
        }
        // only capabilities the plugin declares, and only those the runtime has a value for
        if (plugin.get("capabilities") instanceof Map<?, ?> declared) {
            Map<String, Object> runtimeConfig = new LinkedHashMap<>();
            for (Map.Entry<?, ?> capability : declared.entrySet()) {
                Object value = capabilityArgs.get(String.valueOf(capability.getKey()));
                if (Boolean.TRUE.equals(capability.getValue()) && value != null) {
                    runtimeConfig.put(String.valueOf(capability.getKey()), value);
                }
            }
            if (!runtimeConfig.isEmpty()) {
                config.put("runtimeConfig", runtimeConfig);
            }
        }
        if (previous != null) {
            config.put("prevResult", previous.tree());
        }
        return config;
    }

    private byte[] exec(String command, ConfigList list, int index, Attachment attachment, CniResult previous)
            throws IOException {
        String type = list.type(index);
        Path binary = plugin(type);
        byte[] input = Json.write(derive(list, index, attachment.capabilityArgs(), previous));
        ProcessBuilder builder = new ProcessBuilder(binary.toString());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", hostPath);
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", attachment.containerId());
        env.put("CNI_NETNS", attachment.netns() == null ? "" : attachment.netns());
        env.put("CNI_IFNAME", attachment.ifname());
        env.put("CNI_ARGS", "");
        StringBuilder cniPath = new StringBuilder();
        for (Path dir : path) {
            cniPath.append(cniPath.isEmpty() ? "" : ":").append(dir);
        }
        env.put("CNI_PATH", cniPath.toString());
        Process process = builder.start();
        byte[] out;
        byte[] err;
        try (OutputStream stdin = process.getOutputStream();
             InputStream stdout = process.getInputStream();
             InputStream stderr = process.getErrorStream()) {
            stdin.write(input);
            stdin.close();
            // stderr is small and read after stdout: a plugin writes its diagnostics, then its result
            out = stdout.readAllBytes();
            err = stderr.readAllBytes();
        }
        int status;
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CniException("CNI plugin " + type + " (" + command + ") did not finish within "
                        + TIMEOUT_SECONDS + " s");
            }
            status = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new java.io.InterruptedIOException("interrupted while CNI plugin " + type + " ran");
        }
        if (status != 0) {
            CniError error = CniError.parse(out, new String(err, StandardCharsets.UTF_8), status);
            throw new CniException("CNI plugin " + type + " failed (" + command + "): " + error);
        }
        return out;
    }

    /** The plugins' own list of spec versions they speak, for a diagnosis ({@code CNI_COMMAND=VERSION}). */
    public List<String> supportedVersions(String type) throws IOException {
        Path binary = plugin(type);
        ProcessBuilder builder = new ProcessBuilder(binary.toString());
        builder.environment().put("CNI_COMMAND", "VERSION");
        Process process = builder.redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        JsonObject o = Json.object(out);
        List<String> versions = o == null ? null : o.strings("supportedVersions");
        return versions == null ? List.of() : new ArrayList<>(versions);
    }
}
