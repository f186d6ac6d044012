package dev.strata.cli;

import dev.strata.build.ConfigEdit;
import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.image.ContainerConfig;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@code --change} instructions of {@code import} and {@code commit}, checked when the command
 * starts (so a typo fails before any work) and applied to the config later.
 */
public final class ConfigChanges {
    private ConfigChanges() {
    }

    public static UnaryOperator<ContainerConfig> parse(List<String> changes) {
        List<String> checked = List.copyOf(changes);
        for (String change : checked) {
            applyOne(ContainerConfig.empty(), change);
        }
        return config -> {
            try {
                return ConfigEdit.applyChanges(config, checked);
            } catch (IllegalArgumentException | DockerfileException e) {
                throw new CommandFailure(1, "Error: " + e.getMessage());
            }
        };
    }

    private static ContainerConfig applyOne(ContainerConfig config, String change) {
        try {
            return ConfigEdit.applyChange(config, change);
        } catch (IllegalArgumentException | DockerfileException e) {
            throw new CommandFailure(1, "Error: " + e.getMessage());
        }
    }
}
