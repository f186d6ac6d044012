package dev.strata.cli;

import dev.strata.cli.flag.Flag;
import dev.strata.container.Attach;
import dev.strata.container.ContainerAttach;
import dev.strata.container.CreateOptions;
import dev.strata.container.DetachKeys;
import java.io.IOException;
import java.util.List;

/**
 * {@code strata run [OPTIONS] IMAGE [COMMAND] [ARG...]}: exits with the container's exit code; 125 when the
 * container cannot be created or started, 126/127 when its command cannot be run (Docker's codes). With
 * {@code -i} or {@code -t} the container runs under its monitor and this process attaches to it, so the
 * detach keys leave it running; without them it runs in this process, the fastest way.
 */
public final class RunCommand extends CreatingCommand {
    final Flag<Boolean> detach = flags.bool("detach", 'd', "Run container in background and print container ID");
    final Flag<String> detachKeys = flags.string("detach-keys", "Override the key sequence for detaching a container");
    final Flag<Boolean> sigProxy = flags.bool("sig-proxy", "Proxy received signals to the process").defaultValue(true);

    public RunCommand(CommandContext context) {
        super(context, "run");
    }

    @Override
    public int run(List<String> arguments) {
        boolean detach = this.detach.get();
        try {
            DetachKeys keys = DetachKeys.parse(detachKeys.get());
            CreateOptions options = options(arguments, detach);
            if (detach) {
                context.out().println(context.containers().runDetached(options));
                return 0;
            }
            boolean interactive = create.interactive.get();
            boolean tty = create.tty.get();
            if (tty && interactive && !Attach.stdinIsTerminal()) {
                context.err().println("the input device is not a TTY");
                return 1;
            }
            if (!interactive && !tty) {
                return context.containers().run(options, context.attach(false));
            }
            String id = context.containers().runForAttach(options);
            ContainerAttach.Outcome outcome = context.containers().attachStarted(id,
                    new ContainerAttach.Options(interactive, keys, sigProxy.get()), context.attach(interactive));
            // detached by the keys: docker run says nothing and succeeds
            return outcome instanceof ContainerAttach.Exited(int code) ? code : 0;
        } catch (IOException | RuntimeException e) {
            return failed(e, Failures.runExitCode(e));
        }
    }
}
