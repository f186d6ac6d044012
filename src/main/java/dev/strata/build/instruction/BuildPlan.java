package dev.strata.build.instruction;

import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.Directives;
import dev.strata.build.dockerfile.ParseWarning;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Dockerfile as stages of typed instructions: what the build executor walks.
 *
 * @param globalArgs the ARGs before the first FROM, usable in FROM lines only (until re-declared)
 */
public record BuildPlan(
        String fileName,
        Directives directives,
        List<ArgInstruction> globalArgs,
        List<Stage> stages,
        List<ParseWarning> warnings) {

    public BuildPlan {
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
    }

    /** The stage of that name (any case) or, for a number, of that index. */
    public Optional<Stage> stage(String nameOrIndex) {
        String lower = nameOrIndex.toLowerCase(Locale.ROOT);
        for (Stage stage : stages) {
            if (stage.name().filter(lower::equals).isPresent()) {
                return Optional.of(stage);
            }
        }
        if (!lower.isEmpty() && lower.chars().allMatch(Character::isDigit) && lower.length() < 10) {
            int index = Integer.parseInt(lower);
            if (index < stages.size()) {
                return Optional.of(stages.get(index));
            }
        }
        return Optional.empty();
    }

    /**
     * The stages up to and including {@code target} (by name), or all of them when there is no
     * target: the last stage is the default target.
     */
    public List<Stage> stagesUpTo(Optional<String> target) {
        if (target.isEmpty()) {
            return stages;
        }
        String lower = target.get().toLowerCase(Locale.ROOT);
        for (Stage stage : stages) {
            if (stage.name().filter(lower::equals).isPresent()) {
                return stages.subList(0, stage.index() + 1);
            }
        }
        String named = stages.stream().flatMap(s -> s.name().stream()).collect(Collectors.joining(", "));
        throw new DockerfileException(fileName, 0, 0, "failed to reach build target " + target.get()
                + " in Dockerfile: " + (named.isEmpty() ? "no stage has a name (name one with FROM IMAGE AS NAME)"
                : "expected one of the stage names: " + named));
    }

    /** What {@code stage} starts from, its FROM expanded with the global ARGs of {@code globals}. */
    public StageBase resolveBase(Stage stage, VariableScope globals) {
        FromInstruction from = stage.from();
        String image = globals.expansion().word(from.image(), from.where());
        if (image.isEmpty()) {
            throw new DockerfileException(from.where(), "base name (" + from.image()
                    + ") should not be blank: declare its ARG before the first FROM or pass --build-arg");
        }
        String lower = image.toLowerCase(Locale.ROOT);
        for (Stage earlier : stages.subList(0, stage.index())) {
            if (earlier.name().filter(lower::equals).isPresent()) {
                return new StageBase.EarlierStage(earlier.index());
            }
        }
        return image.equals("scratch") ? new StageBase.Scratch() : new StageBase.Image(image);
    }

    /** The {@code --platform} of the stage's FROM, expanded with the global ARGs. */
    public Optional<String> resolvePlatform(Stage stage, VariableScope globals) {
        return globals.expansion().word(stage.from().platform(), stage.from().where());
    }
}
