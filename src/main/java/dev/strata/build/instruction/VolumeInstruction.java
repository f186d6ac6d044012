package dev.strata.build.instruction;

import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.SourceRange;
import java.util.List;

/** {@code VOLUME ["/data"]} or {@code VOLUME /data /logs}; raw paths. */
public record VolumeInstruction(SourceRange where, List<String> paths) implements Instruction {
    public VolumeInstruction {
        paths = List.copyOf(paths);
    }

    @Override
    public VolumeInstruction expand(WordExpansion expansion) {
        List<String> out = expansion.eachWord(paths, where);
        if (out.stream().anyMatch(String::isBlank)) {
            throw new DockerfileException(where, "VOLUME specified can not be an empty string");
        }
        return new VolumeInstruction(where, out);
    }
}
