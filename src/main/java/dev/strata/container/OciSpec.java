package dev.strata.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The part of the OCI runtime specification's {@code config.json} Strata writes, in the order Docker
 * writes it, so a bundle of ours reads side by side with one of Docker's. Absent fields are left out,
 * which the specification reads as "not set".
 */
@JsonInclude(Include.NON_NULL)
@JsonPropertyOrder({"ociVersion", "process", "root", "hostname", "mounts", "linux"})
public record OciSpec(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts,
                      Linux linux) {

    public static final String VERSION = "1.0.2-dev";

    @JsonInclude(Include.NON_NULL)
    @JsonPropertyOrder({"terminal", "consoleSize", "user", "args", "env", "cwd", "capabilities", "noNewPrivileges",
            "oomScoreAdj"})
    public record Process(Boolean terminal, ConsoleSize consoleSize, User user, List<String> args, List<String> env,
                          String cwd, Capabilities capabilities, Boolean noNewPrivileges, Integer oomScoreAdj) {
    }

    @JsonPropertyOrder({"height", "width"})
    public record ConsoleSize(int height, int width) {
    }

    @JsonInclude(Include.NON_EMPTY)
    @JsonPropertyOrder({"uid", "gid", "additionalGids"})
    public record User(@JsonInclude(Include.ALWAYS) long uid, @JsonInclude(Include.ALWAYS) long gid,
                       List<Integer> additionalGids) {
    }

    @JsonInclude(Include.NON_EMPTY)
    @JsonPropertyOrder({"bounding", "effective", "permitted"})
    public record Capabilities(List<String> bounding, List<String> effective, List<String> permitted) {
    }

    @JsonInclude(Include.NON_DEFAULT)
    @JsonPropertyOrder({"path", "readonly"})
    public record Root(String path, boolean readonly) {
    }

    @JsonInclude(Include.NON_NULL)
    @JsonPropertyOrder({"destination", "type", "source", "options"})
    public record Mount(String destination, String type, String source, List<String> options) {
    }

    @JsonInclude(Include.NON_NULL)
    @JsonPropertyOrder({"sysctl", "resources", "cgroupsPath", "namespaces", "maskedPaths", "readonlyPaths"})
    public record Linux(Map<String, String> sysctl, Resources resources, String cgroupsPath,
                        List<Namespace> namespaces, List<String> maskedPaths, List<String> readonlyPaths) {
    }

    @JsonInclude(Include.NON_NULL)
    @JsonPropertyOrder({"devices", "memory", "cpu", "pids"})
    public record Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids) {
    }

    @JsonInclude(Include.NON_NULL)
    @JsonPropertyOrder({"allow", "type", "major", "minor", "access"})
    public record DeviceRule(@JsonInclude(Include.ALWAYS) boolean allow, String type, Long major, Long minor,
                             String access) {
    }

    @JsonInclude(Include.NON_NULL)
    @JsonPropertyOrder({"limit", "swap"})
    public record Memory(Long limit, Long swap) {
    }

    @JsonInclude(Include.NON_NULL)
    @JsonPropertyOrder({"quota", "period"})
    public record Cpu(Long quota, Long period) {
    }

    public record Pids(long limit) {
    }

    public record Namespace(String type) {
    }
}
