package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Command;
import dev.strata.cli.flag.FlagSet;
import dev.strata.cli.flag.Syntax;
import dev.strata.network.port.PortBinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code strata port CONTAINER [PRIVATE_PORT[/PROTO]]}: the container's published ports, one
 * {@code 80/tcp -> 0.0.0.0:8080} a line, or the host addresses of one port; sorted as the docker CLI sorts.
 */
public final class PortCommand implements Command {
    private final CommandContext context;
    private final FlagSet flags = new FlagSet();

    public PortCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Syntax syntax() {
        return new Syntax(flags, "CONTAINER [PRIVATE_PORT[/PROTO]]", new Arity.Between(1, 2));
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        String container = arguments.getFirst();
        Map<String, List<PortBinding>> ports = context.containers().ports(container);
        List<String> out = new ArrayList<>();
        if (arguments.size() > 1) {
            String asked = arguments.get(1);
            int slash = asked.indexOf('/');
            String port = slash < 0 ? asked : asked.substring(0, slash);
            String proto = slash < 0 || slash == asked.length() - 1 ? "tcp" : asked.substring(slash + 1);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
                String reason = port.matches("[0-9]+") ? "value out of range" : "invalid syntax";
                throw new CommandFailure(1, "Error: invalid port (" + port + "): strconv.ParseUint: parsing \"" + port
                        + "\": " + reason);
            }
            List<PortBinding> bindings = ports.get(port + "/" + proto);
            if (bindings == null || bindings.isEmpty()) {
                throw new CommandFailure(1, "Error: No public port '" + asked + "' published for " + container);
            }
            bindings.forEach(b -> out.add(b.hostAndPort()));
        } else {
            ports.forEach((port, bindings) -> bindings.forEach(b -> out.add(port + " -> " + b.hostAndPort())));
        }
        out.sort(NaturalOrder.INSTANCE);
        if (!out.isEmpty()) {
            context.out().println(String.join("\n", out));
        }
        context.out().flush();
        return 0;
    }
}
