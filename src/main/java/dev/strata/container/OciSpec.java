package dev.strata.container;

import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;
import java.util.Map;

/**
 * The part of the OCI runtime specification's {@code config.json} Strata writes, in the order Docker
 * writes it, so a bundle of ours reads side by side with one of Docker's. Absent (null) fields are left
 * out, which the specification reads as "not set".
 */
public record OciSpec(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts,
                      Linux linux) implements JsonWritable {

    public static final String VERSION = "1.0.2-dev";

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .fieldOmitNull("ociVersion", ociVersion)
                .fieldOmitNull("process", process)
                .fieldOmitNull("root", root)
                .fieldOmitNull("hostname", hostname)
                .fieldOmitNull("mounts", mounts)
                .fieldOmitNull("linux", linux)
                .endObject();
    }

    public record Process(Boolean terminal, ConsoleSize consoleSize, User user, List<String> args, List<String> env,
                          String cwd, Capabilities capabilities, Boolean noNewPrivileges, Integer oomScoreAdj)
            implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject()
                    .fieldOmitNull("terminal", terminal)
                    .fieldOmitNull("consoleSize", consoleSize)
                    .fieldOmitNull("user", user)
                    .fieldOmitNull("args", args)
                    .fieldOmitNull("env", env)
                    .fieldOmitNull("cwd", cwd)
                    .fieldOmitNull("capabilities", capabilities)
                    .fieldOmitNull("noNewPrivileges", noNewPrivileges)
                    .fieldOmitNull("oomScoreAdj", oomScoreAdj)
                    .endObject();
        }
    }

    public record ConsoleSize(int height, int width) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("height", height).field("width", width).endObject();
        }
    }

    /** uid and gid always, additionalGids when there are any. */
    public record User(long uid, long gid, List<Integer> additionalGids) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("uid", uid).field("gid", gid).fieldOmitEmpty("additionalGids", additionalGids)
                    .endObject();
        }
    }

    public record Capabilities(List<String> bounding, List<String> effective, List<String> permitted)
            implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject()
                    .fieldOmitEmpty("bounding", bounding)
                    .fieldOmitEmpty("effective", effective)
                    .fieldOmitEmpty("permitted", permitted)
                    .endObject();
        }
    }

    /** An empty path and {@code readonly: false} are left out. */
    public record Root(String path, boolean readonly) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().fieldOmitEmpty("path", path);
            if (readonly) {
                out.field("readonly", true);
            }
            out.endObject();
        }
    }

    public record Mount(String destination, String type, String source, List<String> options) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject()
                    .fieldOmitNull("destination", destination)
                    .fieldOmitNull("type", type)
                    .fieldOmitNull("source", source)
                    .fieldOmitNull("options", options)
                    .endObject();
        }
    }

    public record Linux(Map<String, String> sysctl, Resources resources, String cgroupsPath,
                        List<Namespace> namespaces, List<String> maskedPaths, List<String> readonlyPaths)
            implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject()
                    .fieldOmitNull("sysctl", sysctl)
                    .fieldOmitNull("resources", resources)
                    .fieldOmitNull("cgroupsPath", cgroupsPath)
                    .fieldOmitNull("namespaces", namespaces)
                    .fieldOmitNull("maskedPaths", maskedPaths)
                    .fieldOmitNull("readonlyPaths", readonlyPaths)
                    .endObject();
        }
    }

    public record Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject()
                    .fieldOmitNull("devices", devices)
                    .fieldOmitNull("memory", memory)
                    .fieldOmitNull("cpu", cpu)
                    .fieldOmitNull("pids", pids)
                    .endObject();
        }
    }

    /** {@code allow} always; the rest when set. */
    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access)
            implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject()
                    .field("allow", allow)
                    .fieldOmitNull("type", type)
                    .fieldOmitNull("major", major)
                    .fieldOmitNull("minor", minor)
                    .fieldOmitNull("access", access)
                    .endObject();
        }
    }

    public record Memory(Long limit, Long swap) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().fieldOmitNull("limit", limit).fieldOmitNull("swap", swap).endObject();
        }
    }

    public record Cpu(Long quota, Long period) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().fieldOmitNull("quota", quota).fieldOmitNull("period", period).endObject();
        }
    }

    public record Pids(long limit) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("limit", limit).endObject();
        }
    }

    /** A namespace to make ({@code path} null) or to join. */
    public record Namespace(String type, String path) implements JsonWritable {
        public Namespace(String type) {
            this(type, null);
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", type).fieldOmitNull("path", path).endObject();
        }
    }
}
