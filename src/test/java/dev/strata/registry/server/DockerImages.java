package dev.strata.registry.server;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The images a test made in the shared docker engine, removed after each test ({@code @RegisterExtension}). */
final class DockerImages implements AfterEachCallback {
    private final List<String> references = new ArrayList<>();

    void add(String reference) {
        references.add(reference);
    }

    void addAll(List<String> more) {
        references.addAll(more);
    }

    void remove(String reference) {
        references.remove(reference);
    }

    List<String> all() {
        return List.copyOf(references);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Tools.dockerRmi(references);
        references.clear();
    }
}
