package dev.strata.build.instruction;

import java.util.List;
import java.util.Optional;

/**
 * One build stage: its FROM and the instructions up to the next FROM.
 *
 * @param index 0 for the first stage; {@code COPY --from=1} refers to stages by it
 * @param name the lower-cased {@code AS} name, if any
 */
public record Stage(int index, Optional<String> name, FromInstruction from, List<Instruction> instructions) {
    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The name, or the index when the stage has none: how Docker names stages in messages. */
    public String displayName() {
        return name.orElse(Integer.toString(index));
    }
}
