package dev.strata.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.DockerfileParser;
import dev.strata.build.instruction.BuildArguments;
import dev.strata.build.instruction.BuildPlan;
import dev.strata.build.instruction.InstructionListing;
import dev.strata.build.instruction.InstructionParser;
import dev.strata.build.instruction.VariableScope;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each directory under {@code corpus/} holds a {@code Dockerfile} and either
 * {@code expected.txt} (its {@link InstructionListing}) or {@code expected-error.txt} (the message
 * parsing it fails with); an optional {@code build-args} file holds {@code NAME=VALUE} lines. Run
 * with {@code -Dstrata.golden.update=true} to rewrite the {@code expected.txt} files after a
 * deliberate change of format, then review the diff.
 */
class CorpusTest {
    private static final boolean UPDATE = Boolean.getBoolean("strata.golden.update");

    private static Path corpus() throws URISyntaxException {
        return Path.of(CorpusTest.class.getResource("/dev/strata/build/corpus").toURI());
    }

    private static List<Path> cases() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(corpus())) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static String listing(Path dir) throws IOException {
        String text = Files.readString(dir.resolve("Dockerfile"), StandardCharsets.UTF_8);
        BuildPlan plan = InstructionParser.plan(DockerfileParser.parse("Dockerfile", text));
        Path argsFile = dir.resolve("build-args");
        List<String> args = Files.exists(argsFile) ? Files.readAllLines(argsFile) : List.of();
        VariableScope globals = VariableScope.global(plan, BuildArguments.parse(args, name -> null));
        return InstructionListing.list(plan, plan.stagesUpTo(Optional.empty()), globals);
    }

    @Test
    void theCorpusHasAtLeastThirtyValidDockerfiles() throws Exception {
        assertThat(cases().stream().filter(d -> Files.exists(d.resolve("expected.txt")))).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases()).allSatisfy(d -> assertThat(
                Files.exists(d.resolve("expected.txt")) || Files.exists(d.resolve("expected-error.txt"))).isTrue());
    }

    @TestFactory
    Stream<DynamicTest> eachDockerfileParsesToItsExpectedListing() throws Exception {
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Path error = dir.resolve("expected-error.txt");
            if (Files.exists(error)) {
                String expected = Files.readString(error, StandardCharsets.UTF_8).strip();
                assertThatThrownBy(() -> listing(dir)).isInstanceOf(DockerfileException.class).hasMessage(expected);
                return;
            }
            String actual = listing(dir);
            Path expectedFile = dir.resolve("expected.txt");
            if (UPDATE) {
                Path source = Path.of("src/test/resources/dev/strata/build/corpus")
                        .resolve(dir.getFileName().toString()).resolve("expected.txt");
                Files.writeString(source, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
        }));
    }
}
