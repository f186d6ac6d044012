package dev.strata.cli;

/** {@link DockerCliParityTest#asStrata} for tests in other packages. */
public final class DockerCliParityTestAccess {
    private DockerCliParityTestAccess() {
    }

    public static String asStrata(String text) {
        return DockerCliParityTest.asStrata(text);
    }
}
