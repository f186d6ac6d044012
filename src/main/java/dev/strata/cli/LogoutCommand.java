package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.registry.client.credentials.DockerConfigFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code strata logout [SERVER]}: forgets the server's credentials where login kept them, under every
 * key older clients may have used for it ({@code HOST}, {@code http://HOST}, {@code https://HOST}), as
 * Docker does. A server with nothing stored is no error.
 */
public final class LogoutCommand extends ContextCommand {
    public LogoutCommand() {
        super("[SERVER]", Arity.atMost(1),
                "Log out from a registry.\nIf no server is specified, the default is defined by the daemon.");
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        List<String> keys = new ArrayList<>();
        String shown;
        if (arguments.isEmpty()) {
            shown = DockerConfigFile.INDEX_SERVER;
            keys.add(shown);
        } else {
            String server = arguments.getFirst();
            shown = DockerConfigFile.hostname(server);
            keys.addAll(List.of(server, shown, "http://" + shown, "https://" + shown));
        }
        context.out().println("Removing login credentials for " + shown);
        DockerConfigFile config = DockerConfigFile.load(context.env());
        Map<String, String> errors = new LinkedHashMap<>();
        for (String key : keys.stream().distinct().toList()) {
            try {
                config.storeFor(key).erase(key);
            } catch (IOException e) {
                errors.put(key, e.getMessage());
            }
        }
        if (errors.size() == keys.stream().distinct().count()) {
            context.err().println("WARNING: could not erase credentials:");
            errors.forEach((key, error) -> context.err().println(key + ": " + error));
        }
        return 0;
    }
}
