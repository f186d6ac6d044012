package dev.strata.image;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;
import java.util.Map;

/**
 * The run-time defaults of an image (its config's "config" object), with Docker's field names, order
 * and omit-when-empty rules, so {@code inspect} prints exactly what Docker prints. An OCI config holds a
 * subset of these fields; the rest read as empty.
 */
public record ContainerConfig(
        String hostname,
        String domainname,
        String user,
        boolean attachStdin,
        boolean attachStdout,
        boolean attachStderr,
        Map<String, Map<String, Object>> exposedPorts,
        boolean tty,
        boolean openStdin,
        boolean stdinOnce,
        List<String> env,
        List<String> cmd,
        HealthConfig healthcheck,
        boolean argsEscaped,
        String image,
        Map<String, Map<String, Object>> volumes,
        String workingDir,
        List<String> entrypoint,
        boolean networkDisabled,
        String macAddress,
        List<String> onBuild,
        Map<String, String> labels,
        String stopSignal,
        Integer stopTimeout,
        List<String> shell) implements JsonWritable {

    /** Docker's Go struct order; the fields Go tags omitempty are left out when empty. */
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("Hostname", hostname)
                .field("Domainname", domainname)
                .field("User", user)
                .field("AttachStdin", attachStdin)
                .field("AttachStdout", attachStdout)
                .field("AttachStderr", attachStderr)
                .fieldOmitEmpty("ExposedPorts", exposedPorts)
                .field("Tty", tty)
                .field("OpenStdin", openStdin)
                .field("StdinOnce", stdinOnce)
                .field("Env", env)
                .field("Cmd", cmd)
                .fieldOmitNull("Healthcheck", healthcheck);
        if (argsEscaped) {
            out.field("ArgsEscaped", true);
        }
        out.field("Image", image)
                .field("Volumes", volumes)
                .field("WorkingDir", workingDir)
                .field("Entrypoint", entrypoint);
        if (networkDisabled) {
            out.field("NetworkDisabled", true);
        }
        out.fieldOmitEmpty("MacAddress", macAddress)
                .field("OnBuild", onBuild)
                .field("Labels", labels)
                .fieldOmitEmpty("StopSignal", stopSignal)
                .fieldOmitNull("StopTimeout", stopTimeout)
                .fieldOmitEmpty("Shell", shell)
                .endObject();
    }

    public static ContainerConfig fromJson(JsonObject o) {
        return new ContainerConfig(o.string("Hostname"), o.string("Domainname"), o.string("User"),
                o.bool("AttachStdin"), o.bool("AttachStdout"), o.bool("AttachStderr"),
                o.map("ExposedPorts", JsonObject::members), o.bool("Tty"), o.bool("OpenStdin"), o.bool("StdinOnce"),
                o.strings("Env"), o.strings("Cmd"), o.object("Healthcheck", HealthConfig::fromJson),
                o.bool("ArgsEscaped"), o.string("Image"), o.map("Volumes", JsonObject::members),
                o.string("WorkingDir"), o.strings("Entrypoint"), o.bool("NetworkDisabled"), o.string("MacAddress"),
                o.strings("OnBuild"), o.stringMap("Labels"), o.string("StopSignal"), o.intOrNull("StopTimeout"),
                o.strings("Shell"));
    }

    public ContainerConfig {
        // Docker prints "" for an unset string field; an OCI config simply leaves it out
        hostname = orEmpty(hostname);
        domainname = orEmpty(domainname);
        user = orEmpty(user);
        image = orEmpty(image);
        workingDir = orEmpty(workingDir);
        macAddress = orEmpty(macAddress);
        stopSignal = orEmpty(stopSignal);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    public static ContainerConfig empty() {
        return new ContainerConfig(null, null, null, false, false, false, null, false, false, false, null, null,
                null, false, null, null, null, null, false, null, null, null, null, null, null);
    }

    /** A copy to change one field at a time: {@code config.with().env(list).build()}. */
    public Builder with() {
        return new Builder(this);
    }

    public static final class Builder {
        private String hostname;
        private String domainname;
        private String user;
        private boolean attachStdin;
        private boolean attachStdout;
        private boolean attachStderr;
        private Map<String, Map<String, Object>> exposedPorts;
        private boolean tty;
        private boolean openStdin;
        private boolean stdinOnce;
        private List<String> env;
        private List<String> cmd;
        private HealthConfig healthcheck;
        private boolean argsEscaped;
        private String image;
        private Map<String, Map<String, Object>> volumes;
        private String workingDir;
        private List<String> entrypoint;
        private boolean networkDisabled;
        private String macAddress;
        private List<String> onBuild;
        private Map<String, String> labels;
        private String stopSignal;
        private Integer stopTimeout;
        private List<String> shell;

        private Builder(ContainerConfig c) {
            hostname = c.hostname;
            domainname = c.domainname;
            user = c.user;
            attachStdin = c.attachStdin;
            attachStdout = c.attachStdout;
            attachStderr = c.attachStderr;
            exposedPorts = c.exposedPorts;
            tty = c.tty;
            openStdin = c.openStdin;
            stdinOnce = c.stdinOnce;
            env = c.env;
            cmd = c.cmd;
            healthcheck = c.healthcheck;
            argsEscaped = c.argsEscaped;
            image = c.image;
            volumes = c.volumes;
            workingDir = c.workingDir;
            entrypoint = c.entrypoint;
            networkDisabled = c.networkDisabled;
            macAddress = c.macAddress;
            onBuild = c.onBuild;
            labels = c.labels;
            stopSignal = c.stopSignal;
            stopTimeout = c.stopTimeout;
            shell = c.shell;
        }

        public Builder hostname(String v) { hostname = v; return this; }
        public Builder domainname(String v) { domainname = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder attachStdin(boolean v) { attachStdin = v; return this; }
        public Builder attachStdout(boolean v) { attachStdout = v; return this; }
        public Builder attachStderr(boolean v) { attachStderr = v; return this; }
        public Builder exposedPorts(Map<String, Map<String, Object>> v) { exposedPorts = v; return this; }
        public Builder tty(boolean v) { tty = v; return this; }
        public Builder openStdin(boolean v) { openStdin = v; return this; }
        public Builder stdinOnce(boolean v) { stdinOnce = v; return this; }
        public Builder env(List<String> v) { env = v; return this; }
        public Builder cmd(List<String> v) { cmd = v; return this; }
        public Builder healthcheck(HealthConfig v) { healthcheck = v; return this; }
        public Builder argsEscaped(boolean v) { argsEscaped = v; return this; }
        public Builder image(String v) { image = v; return this; }
        public Builder volumes(Map<String, Map<String, Object>> v) { volumes = v; return this; }
        public Builder workingDir(String v) { workingDir = v; return this; }
        public Builder entrypoint(List<String> v) { entrypoint = v; return this; }
        public Builder networkDisabled(boolean v) { networkDisabled = v; return this; }
        public Builder macAddress(String v) { macAddress = v; return this; }
        public Builder onBuild(List<String> v) { onBuild = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder stopSignal(String v) { stopSignal = v; return this; }
        public Builder stopTimeout(Integer v) { stopTimeout = v; return this; }
        public Builder shell(List<String> v) { shell = v; return this; }

        public ContainerConfig build() {
            return new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout, attachStderr,
                    exposedPorts, tty, openStdin, stdinOnce, env, cmd, healthcheck, argsEscaped, image, volumes,
                    workingDir, entrypoint, networkDisabled, macAddress, onBuild, labels, stopSignal, stopTimeout,
                    shell);
        }
    }
}
