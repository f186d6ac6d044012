package dev.strata.engine;

import dev.strata.image.ContainerConfig;
import dev.strata.image.Platform;
import java.util.function.UnaryOperator;

/**
 * Options of {@code import}: the reference to tag (may be null), the commit message (null gives
 * Docker's "Imported from -"), changes to the default container config (the {@code --change}
 * instructions, already parsed), and the platform to record.
 */
public record ImportOptions(String reference, String message, UnaryOperator<ContainerConfig> changes, Platform platform) {
    public ImportOptions {
        if (changes == null) {
            changes = UnaryOperator.identity();
        }
        if (platform == null) {
            platform = Platform.host();
        }
    }

    public static ImportOptions tagged(String reference) {
        return new ImportOptions(reference, null, null, null);
    }
}
