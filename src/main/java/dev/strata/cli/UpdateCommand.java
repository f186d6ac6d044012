package dev.strata.cli;

import dev.strata.cli.flag.Flag;
import dev.strata.container.ContainerConfigs;
import dev.strata.container.ResourceUpdate;
import dev.strata.container.RestartPolicy;
import java.util.List;

/** {@code strata update [OPTIONS] CONTAINER...}: new memory, CPU and pids limits or restart policy, running or not. */
public final class UpdateCommand extends ContainerCommand {
    private final Flag<Long> memory = flags.value("memory", 'm', "bytes", "Memory limit", 0L,
            (current, text) -> ContainerConfigs.parseMemory(text));
    private final Flag<Long> memorySwap = flags.value("memory-swap", "bytes",
            "Swap limit equal to memory plus swap: -1 to enable unlimited swap", 0L,
            (current, text) -> text.equals("-1") ? -1L : ContainerConfigs.parseMemory(text));
    private final Flag<String> cpus = CommonFlags.cpus(flags);
    private final Flag<Long> pidsLimit = flags.integer("pids-limit", "Tune container pids limit (set -1 for unlimited)");
    private final Flag<String> restart = flags.string("restart", "Restart policy to apply when a container exits");

    public UpdateCommand(CommandContext context) {
        super(context);
    }

    @Override
    public int run(List<String> containers) {
        RestartPolicy policy;
        try {
            policy = restart.changed() ? RestartPolicy.parse(restart.get()) : null;
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(1, e.getMessage());
        }
        ResourceUpdate update = new ResourceUpdate(memory.given(), memorySwap.given(),
                cpus.changed() ? ContainerConfigs.parseCpus(cpus.get(), Runtime.getRuntime().availableProcessors()) : null,
                pidsLimit.given(), policy);
        if (update.empty()) {
            throw new CommandFailure(1, "you must provide one or more flags when using this command");
        }
        return context.eachContainer(containers, true, c -> context.containers().update(c, update));
    }
}
