package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.container.ContainerAttach;
import dev.strata.container.DetachKeys;
import java.io.IOException;
import java.util.List;

/**
 * {@code strata attach [--detach-keys K] [--no-stdin] [--sig-proxy=false] CONTAINER}: this terminal to a
 * running container's process, through its monitor; exits with the container's exit code, or, detached
 * by the keys, says {@code read escape sequence} and exits 1, as the docker CLI does.
 */
public final class AttachCommand extends ContainerCommand {
    private final Flag<String> detachKeys = flags.string("detach-keys", "Override the key sequence for detaching a container");
    private final Flag<Boolean> noStdin = flags.bool("no-stdin", "Do not attach STDIN");
    private final Flag<Boolean> sigProxy = flags.bool("sig-proxy", "Proxy all received signals to the process")
            .defaultValue(true);

    public AttachCommand(CommandContext context) {
        super(context, "[OPTIONS] CONTAINER", Arity.exactly(1));
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        DetachKeys keys = DetachKeys.parse(detachKeys.get());
        boolean stdin = !noStdin.get();
        String reference = arguments.getFirst();
        var record = context.containers().refresh(context.containers().store().resolve(reference));
        String refused = dev.strata.container.ContainerAttach.refusal(record.state());
        if (refused != null) {
            // the docker CLI checks the state itself and says so without a prefix
            throw new CommandFailure(1, refused);
        }
        if (stdin && record.config().tty() && record.config().openStdin() && context.out() == System.out
                && !dev.strata.container.Attach.stdinIsTerminal()) {
            context.err().println("the input device is not a TTY");
            return 1;
        }
        ContainerAttach.Outcome outcome = context.containers().attach(reference,
                new ContainerAttach.Options(stdin, keys, sigProxy.get()), context.attach(stdin));
        if (outcome instanceof ContainerAttach.Exited(int code)) {
            return code;
        }
        context.err().println("read escape sequence");
        return 1;
    }
}
