package dev.strata.embed;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an image gives the containers run from it, unless a {@link ContainerSpec} says otherwise (the
 * {@code Config} of {@code strata inspect}). Empty strings, lists and maps where the image says nothing.
 *
 * @param exposedPorts ports as Docker writes them: {@code 80/tcp}
 * @param healthcheck  the HEALTHCHECK test ({@code CMD-SHELL cmd}, {@code CMD arg…} or {@code NONE}), empty without one
 */
public record ImageConfig(String user, List<String> env, List<String> entrypoint, List<String> cmd,
                          String workingDir, Map<String, String> labels, Set<String> exposedPorts,
                          String stopSignal, List<String> healthcheck) {
    public ImageConfig {
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        labels = Map.copyOf(labels);
        exposedPorts = Set.copyOf(exposedPorts);
        healthcheck = List.copyOf(healthcheck);
    }
}
