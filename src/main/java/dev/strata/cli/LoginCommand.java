package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.registry.client.CredentialSource;
import dev.strata.registry.client.RegistryClient;
import dev.strata.registry.client.auth.Credentials;
import dev.strata.registry.client.credentials.CredentialStore;
import dev.strata.registry.client.credentials.DockerConfigFile;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code strata login [-u USER] [-p PASSWORD | --password-stdin] [SERVER]}: proves the credentials to the
 * registry (basic auth, or a token fetched with them) and keeps them where Docker keeps them: the
 * credential helper Docker's config.json names for the server, else its {@code auths}, written with mode
 * 0600. A refresh token the registry's token server hands out is kept instead of the password, as Docker
 * keeps it. Without a user or password, the stored credentials are tried first, then the user is asked
 * on the terminal.
 */
public final class LoginCommand extends ContextCommand {
    static final String UNENCRYPTED_WARNING = """

            WARNING! Your credentials are stored unencrypted in '%s'.
            Configure a credential helper to remove this warning. See
            https://docs.docker.com/go/credential-store/

            """;

    private final Flag<String> username = flags.string("username", 'u', "Username");
    private final Flag<String> password = flags.string("password", 'p', "Password or Personal Access Token (PAT)");
    private final Flag<Boolean> passwordStdin = flags.bool("password-stdin",
            "Take the Password or Personal Access Token (PAT) from stdin");

    public LoginCommand() {
        super("[OPTIONS] [SERVER]", Arity.atMost(1),
                "Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.");
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        String user = username.get();
        String secret = password.get();
        if (!secret.isEmpty() && passwordStdin.get()) {
            throw new CommandFailure(1, "conflicting options: cannot specify both --password and --password-stdin");
        }
        if (!secret.isEmpty()) {
            context.err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
        }
        if (passwordStdin.get()) {
            if (user.isEmpty()) {
                throw new CommandFailure(1, "the --password-stdin option requires --username to be set");
            }
            secret = new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
            secret = secret.endsWith("\n") ? secret.substring(0, secret.length() - 1) : secret;
            secret = secret.endsWith("\r") ? secret.substring(0, secret.length() - 1) : secret;
        }
        String given = arguments.isEmpty() ? "" : arguments.getFirst();
        String registry = registryOf(given);
        String serverAddress = CredentialSource.serverAddress(registry);
        DockerConfigFile config = DockerConfigFile.load(context.env());
        CredentialStore store = config.storeFor(serverAddress);
        try (RegistryClient client = RegistryAccess.client(context)) {
            if (user.isEmpty() && secret.isEmpty()) {
                Optional<Credentials> stored = store.get(serverAddress);
                if (stored.isPresent() && stored.get().hasPassword()
                        && loginWithStored(context, client, registry, serverAddress, store, stored.get())) {
                    return 0;
                }
            }
            if (user.isEmpty() || secret.isEmpty()) {
                Console console = System.console();
                if (context.in() != System.in || console == null || !console.isTerminal()) {
                    throw new CommandFailure(1, "Error: Cannot perform an interactive login from a non TTY device");
                }
                if (user.isEmpty()) {
                    user = console.readLine("Username: ").strip();
                }
                if (secret.isEmpty()) {
                    char[] typed = console.readPassword("Password: ");
                    secret = typed == null ? "" : new String(typed);
                }
                if (user.isEmpty()) {
                    throw new CommandFailure(1, "Error: Non-null Username Required");
                }
                if (secret.isEmpty()) {
                    throw new CommandFailure(1, "Error: Password Required");
                }
            }
            Credentials credentials = Credentials.basic(user, secret);
            Optional<String> identity;
            try {
                identity = client.login(registry, credentials);
            } catch (IOException e) {
                throw RegistryAccess.daemonError(e);
            }
            save(context, store, serverAddress, identity.map(t -> Credentials.identityToken(credentials.username(), t))
                    .orElse(credentials));
        }
        context.out().println("Login Succeeded");
        return 0;
    }

    // catches name IOException, not RegistryException: a catch type is loaded when this class is verified,
    // which every command does when the command table is made

    /** Docker's "existing credentials" path; false when they were refused and the user must be asked. */
    private static boolean loginWithStored(Context context, RegistryClient client, String registry, String serverAddress,
                                           CredentialStore store, Credentials stored) throws IOException {
        context.err().print("Authenticating with existing credentials... [Username: " + stored.username() + "]\n\n"
                + " Info -> To login with a different account, run 'strata logout' followed by 'strata login'\n\n\n");
        try {
            Optional<String> identity = client.login(registry, stored);
            if (identity.isPresent()) {
                save(context, store, serverAddress, Credentials.identityToken(stored.username(), identity.get()));
            }
        } catch (IOException e) {
            context.err().println("Login did not succeed, error: " + e.getMessage());
            return false;
        }
        context.out().println("Login Succeeded");
        return true;
    }

    private static void save(Context context, CredentialStore store, String serverAddress, Credentials credentials) {
        boolean written;
        try {
            written = store.store(serverAddress, credentials);
        } catch (IOException e) {
            throw new CommandFailure(1, "Error saving credentials: " + e.getMessage());
        }
        if (written && store.isPlainFile() && credentials.hasPassword()) {
            context.err().print(UNENCRYPTED_WARNING.formatted(store.describe()));
        }
    }

    /** The registry a login or logout is for: Docker Hub when none is named, the host of a URL. */
    static String registryOf(String server) {
        if (server.isEmpty() || server.equals("docker.io") || server.equals(DockerConfigFile.INDEX_SERVER)) {
            return "docker.io";
        }
        String host = DockerConfigFile.hostname(server);
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? "docker.io" : host;
    }
}
