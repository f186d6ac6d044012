package dev.strata.archive;

import dev.strata.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code strata system check} made strict for tests: its problems, and also its notes (blobs or
 * layer records nothing needs) and a leftover journal or ingest file. After a load, even one killed
 * and recovered from, there should be none of these.
 */
final class StoreCheck {
    private StoreCheck() {
    }

    static List<String> problems(Engine engine) throws IOException {
        List<String> problems = new ArrayList<>();
        if (Files.exists(engine.root().resolve("journal.json"))) {
            problems.add("a transaction journal is left over");
        }
        try (Stream<java.nio.file.Path> ingests = Files.list(engine.root().resolve("content").resolve("ingest"))) {
            ingests.forEach(p -> problems.add("ingest file left over: " + p.getFileName()));
        }
        var report = engine.check();
        problems.addAll(report.problems());
        problems.addAll(report.notes());
        return problems;
    }
}
