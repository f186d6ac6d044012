package dev.strata.embed;

import java.nio.file.Path;

/**
 * A second JVM for the tests that need a process of their own: {@code default} opens the default store
 * and prints its root and driver (the test sets {@code STRATA_ROOT}); {@code orphan ROOT DRIVER IMAGE}
 * runs a container that sleeps, prints its ID, and waits to be killed without closing anything;
 * {@code exit ROOT DRIVER IMAGE} runs one, prints its ID and returns from main without closing.
 */
public final class EmbedChild {
    private EmbedChild() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "default" -> {
                try (Strata strata = Strata.openDefault()) {
                    System.out.println(strata.root() + " " + strata.storageDriver().driverName());
                }
            }
            case "orphan", "exit" -> {
                Strata strata = Strata.builder().root(Path.of(args[1])).storageDriver(StorageDriver.valueOf(args[2]))
                        .open();
                Container container = strata.containers().run(ContainerSpec.of(args[3]).command("sleep", "1000"));
                System.out.println(container.id());
                System.out.flush();
                if (args[0].equals("orphan")) {
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
