package dev.strata.cli;

import dev.strata.registry.client.ClientOptions;
import dev.strata.registry.client.RegistryClient;
import dev.strata.registry.client.RegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The registry client as the registry commands get it: the user's settings (Strata's config file and
 * certs.d, Docker's certs.d and config.json, from the command's environment), warnings to stderr.
 * Loaded only by those commands, so no other command pays for the client's classes.
 */
final class RegistryAccess {
    private RegistryAccess() {
    }

    static RegistryClient client(Context context) {
        return client(context, null);
    }

    /** With {@code insecureRegistry} (when not null) taken as insecure, for a command's {@code --insecure}. */
    static RegistryClient client(Context context, String insecureRegistry) {
        try {
            ClientOptions options = ClientOptions.defaults(context.env(), context.err());
            if (insecureRegistry != null) {
                options = options.withConfig(options.config().withInsecure(insecureRegistry));
            }
            return new RegistryClient(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An error as the docker CLI prints one the daemon returned: Strata does in-process what Docker's daemon does. */
    static CommandFailure daemonError(IOException e) {
        return new CommandFailure(1, "Error: " + message(e));
    }

    static String message(IOException e) {
        return e instanceof RegistryException || e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
