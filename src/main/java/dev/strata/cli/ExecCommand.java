package dev.strata.cli;

import dev.strata.container.Attach;
import dev.strata.container.ContainerException;
import dev.strata.container.ExecOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strata exec [OPTIONS] CONTAINER COMMAND [ARG...]}: exits with the command's exit code; 126 when it
 * cannot be started (an unknown user, or the runtime's refusal, printed as Docker prints them, without a
 * prefix); 1 when the container is missing or not running.
 */
@Command(name = "exec", description = "Run a command in a running container",
        mixinStandardHelpOptions = true)
public final class ExecCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run command in the background")
    boolean detach;

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = {"-u", "--user"}, paramLabel = "string", description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "string", description = "Working directory inside the container")
    String workdir;

    @Option(names = {"-e", "--env"}, paramLabel = "list", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*")
    List<String> command = new ArrayList<>();

    public ExecCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (tty && interactive && !detach && !Attach.stdinIsTerminal()) {
            context.err().println("the input device is not a TTY");
            return 1;
        }
        try {
            ExecOptions options = new ExecOptions(command, interactive, tty, user, workdir, env, detach);
            return context.containers().exec(container, options,
                    detach ? Attach.none() : context.attach(interactive));
        } catch (ContainerException.RuntimeFailure | ContainerException.InvalidRequest e) {
            // as the docker CLI: the process could not be started in the container, said without a prefix
            context.err().println(e.getMessage());
            return 126;
        } catch (IOException | RuntimeException e) {
            context.printError(e);
            return 1;
        }
    }
}
