package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.cli.flag.Syntax;
import dev.strata.container.Attach;
import dev.strata.container.ExecOptions;
import java.io.IOException;
import java.util.List;

/**
 * {@code strata exec [OPTIONS] CONTAINER COMMAND [ARG...]}: exits with the command's exit code; 126 when it
 * cannot be started (an unknown user, or the runtime's refusal, printed as Docker prints them, without a
 * prefix); 1 when the container is missing or not running.
 */
public final class ExecCommand extends ContainerCommand {
    private final Flag<Boolean> detachFlag = flags.bool("detach", 'd', "Detached mode: run command in the background");
    private final Flag<String> detachKeys = flags.string("detach-keys", "Override the key sequence for detaching a container");
    private final Flag<List<String>> env = flags.list("env", 'e', "Set environment variables");
    private final Flag<Boolean> interactiveFlag = flags.bool("interactive", 'i', "Keep STDIN open even if not attached");
    private final Flag<Boolean> ttyFlag = flags.bool("tty", 't', "Allocate a pseudo-TTY");
    private final Flag<String> user = flags.string("user", 'u', "Username or UID (format: \"<name|uid>[:<group|gid>]\")");
    private final Flag<String> workdir = flags.string("workdir", 'w', "Working directory inside the container");

    public ExecCommand(CommandContext context) {
        super(context, "[OPTIONS] CONTAINER COMMAND [ARG...]", Arity.atLeast(2));
    }

    @Override
    public Syntax syntax() {
        return super.syntax().flagsBeforeArguments();
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        boolean detach = detachFlag.get();
        boolean interactive = interactiveFlag.get();
        boolean tty = ttyFlag.get();
        // accepted and checked as Docker's; an exec runs in this process, so there is nothing to detach from
        dev.strata.container.DetachKeys.parse(detachKeys.get());
        if (tty && interactive && !detach && !Attach.stdinIsTerminal()) {
            context.err().println("the input device is not a TTY");
            return 1;
        }
        try {
            ExecOptions options = new ExecOptions(arguments.subList(1, arguments.size()), interactive, tty, user.given(),
                    workdir.given(), env.get(), detach);
            return context.containers().exec(arguments.getFirst(), options,
                    detach ? Attach.none() : context.attach(interactive));
        } catch (dev.strata.container.RuntimeFailureException | dev.strata.error.InvalidInputException e) {
            // as the docker CLI: the process could not be started in the container, said without a prefix
            context.err().println(e.getMessage());
            return 126;
        }
    }
}
