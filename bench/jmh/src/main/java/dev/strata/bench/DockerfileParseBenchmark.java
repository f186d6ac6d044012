package dev.strata.bench;

import dev.strata.build.dockerfile.Dockerfile;
import dev.strata.build.dockerfile.DockerfileParser;
import dev.strata.build.instruction.BuildPlan;
import dev.strata.build.instruction.InstructionParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parses a generated Dockerfile of 10,000 instructions: text to nodes ({@link #parse}) and text to
 * typed stages ({@link #parseAndPlan}). The file mixes what real ones hold: multi-line RUN chains
 * with comments inside, heredocs, JSON and shell forms, flags, ENV and LABEL pairs, ARGs and a new
 * stage every 250 instructions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DockerfileParseBenchmark {
    static final int INSTRUCTIONS = 10_000;

    String text;

    @Setup(Level.Trial)
    public void generate() {
        text = generate(INSTRUCTIONS);
        int count = InstructionParser.plan(DockerfileParser.parse("Dockerfile", text)).stages().stream()
                .mapToInt(stage -> stage.instructions().size() + 1).sum();
        if (count != INSTRUCTIONS) {
            throw new IllegalStateException("generated " + count + " instructions, not " + INSTRUCTIONS);
        }
    }

    static String generate(int instructions) {
        StringBuilder out = new StringBuilder("# syntax=docker/dockerfile:1\n");
        for (int i = 0; i < instructions; i++) {
            if (i % 250 == 0) {
                out.append("FROM golang:1.22-alpine AS stage").append(i / 250).append('\n');
                continue;
            }
            switch (i % 10) {
                case 0 -> out.append("ARG VERSION_").append(i).append("=1.").append(i).append('\n');
                case 1 -> out.append("ENV PATH=/opt/").append(i).append("/bin:$PATH LANG=C.UTF-8 HOME=\"/home/app user\"\n");
                case 2 -> out.append("RUN --mount=type=cache,target=/root/.cache set -eux; \\\n")
                        .append("    apk add --no-cache curl git; \\\n")
                        .append("    # fetch the sources\n")
                        .append("    curl -fsSL https://example.com/v").append(i).append(".tar.gz | tar -xz; \\\n")
                        .append("    make -j4 && make install\n");
                case 3 -> out.append("COPY --chown=app:app --chmod=0644 src/").append(i).append(" config.yaml /app/\n");
                case 4 -> out.append("LABEL org.opencontainers.image.version=\"").append(i)
                        .append("\" org.opencontainers.image.title='bench'\n");
                case 5 -> out.append("RUN <<EOF\nset -e\necho step ").append(i).append("\nEOF\n");
                case 6 -> out.append("CMD [\"/app/server\", \"--port\", \"").append(8000 + i % 1000).append("\"]\n");
                case 7 -> out.append("WORKDIR /srv/").append(i).append('\n');
                case 8 -> out.append("HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1\n");
                default -> out.append("EXPOSE 80 443/tcp ").append(9000 + i % 1000).append('\n');
            }
        }
        return out.toString();
    }

    @Benchmark
    public Dockerfile parse() {
        return DockerfileParser.parse("Dockerfile", text);
    }

    @Benchmark
    public BuildPlan parseAndPlan() {
        return InstructionParser.plan(DockerfileParser.parse("Dockerfile", text));
    }
}
