package dev.strata.view;

import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /info}: Docker's system information object, the fields {@code docker info} prints, with
 * Strata's values; what Strata lacks (swarm, plug-ins, registries) is there empty, so clients that read
 * it find every key.
 */
public record EngineInfo(String id, int containers, int running, int paused, int stopped, int images,
                         String driver, List<List<String>> driverStatus, String kernelVersion,
                         String operatingSystem, String osVersion, String architecture, int cpus, long memory,
                         String rootDir, String name, String serverVersion, List<String> runtimes,
                         String cgroupVersion) implements JsonWritable {
    @Override
    public void writeJson(JsonOut out) {
        Map<String, Object> runtimeMap = new LinkedHashMap<>();
        for (String runtime : runtimes) {
            runtimeMap.put(runtime, Map.of("path", runtime));
        }
        out.beginObject()
                .field("ID", id)
                .field("Containers", containers)
                .field("ContainersRunning", running)
                .field("ContainersPaused", paused)
                .field("ContainersStopped", stopped)
                .field("Images", images)
                .field("Driver", driver)
                .field("DriverStatus", driverStatus)
                .name("Plugins").beginObject()
                .field("Volume", List.of())
                .field("Network", List.of("bridge", "host", "null"))
                .field("Authorization", null)
                .field("Log", List.of("json-file"))
                .endObject()
                .field("MemoryLimit", true)
                .field("SwapLimit", false)
                .field("CpuCfsPeriod", true)
                .field("CpuCfsQuota", true)
                .field("CPUShares", true)
                .field("CPUSet", true)
                .field("PidsLimit", true)
                .field("IPv4Forwarding", false)
                .field("Debug", false)
                .field("NFd", 0)
                .field("OomKillDisable", false)
                .field("NGoroutines", 0)
                .field("SystemTime", dev.strata.image.Timestamps.now())
                .field("LoggingDriver", "json-file")
                .field("CgroupDriver", "cgroupfs")
                .field("CgroupVersion", cgroupVersion)
                .field("NEventsListener", 0)
                .field("KernelVersion", kernelVersion)
                .field("OperatingSystem", operatingSystem)
                .field("OSVersion", osVersion)
                .field("OSType", "linux")
                .field("Architecture", architecture)
                .field("IndexServerAddress", "https://index.docker.io/v1/")
                .name("RegistryConfig").beginObject()
                .field("IndexConfigs", Map.of())
                .field("InsecureRegistryCIDRs", List.of())
                .field("Mirrors", List.of())
                .endObject()
                .field("NCPU", cpus)
                .field("MemTotal", memory)
                .field("GenericResources", null)
                .field("DockerRootDir", rootDir)
                .field("HttpProxy", "")
                .field("HttpsProxy", "")
                .field("NoProxy", "")
                .field("Name", name)
                .field("Labels", List.of())
                .field("ExperimentalBuild", false)
                .field("ServerVersion", serverVersion)
                .field("Runtimes", runtimeMap)
                .field("DefaultRuntime", runtimes.isEmpty() ? "runc" : runtimes.getFirst())
                .name("Swarm").beginObject()
                .field("NodeID", "")
                .field("NodeAddr", "")
                .field("LocalNodeState", "inactive")
                .field("ControlAvailable", false)
                .field("Error", "")
                .field("RemoteManagers", null)
                .endObject()
                .field("LiveRestoreEnabled", false)
                .field("Isolation", "")
                .field("InitBinary", "")
                .field("SecurityOptions", List.of())
                .field("Warnings", List.of())
                .endObject();
    }
}
