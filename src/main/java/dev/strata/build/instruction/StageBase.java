package dev.strata.build.instruction;

/** What a stage starts from once its FROM is expanded. */
public sealed interface StageBase {

    /** An image to pull or find locally, e.g. {@code golang:1.22-alpine}. */
    record Image(String reference) implements StageBase {
    }

    /** An earlier stage of the same Dockerfile, named in FROM. */
    record EarlierStage(int index) implements StageBase {
    }

    /** {@code FROM scratch}: an empty file system and config. */
    record Scratch() implements StageBase {
    }
}
