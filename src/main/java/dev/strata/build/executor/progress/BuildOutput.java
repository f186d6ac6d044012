package dev.strata.build.executor.progress;

import java.io.OutputStream;

/**
 * What a build tells whoever watches it, one event at a time, in the terms of Docker's classic output.
 * Stages may run at once, so events come from several threads; each stage reports on its own
 * {@link Lane}, and an implementation decides how lanes share the screen (classic lines keep Dockerfile
 * order; the live view shows every running step).
 */
public interface BuildOutput {
    /**
     * The lane of stage {@code index} ({@code -1} for the global ARGs), named as BuildKit names stages;
     * lanes are asked for in Dockerfile order before the build starts.
     */
    Lane lane(int index, String name);

    /** A warning for the whole build, such as build arguments no ARG consumed. */
    void warning(String text);

    /** The build made {@code imageId}, which is being tagged {@code tags}. */
    void built(String imageId, java.util.List<String> tags);

    /** The build ended (successfully or not); nothing more comes. */
    void close();

    /** The events of one stage, in order. Not called by more than one thread at a time. */
    interface Lane {
        /** Step {@code number} of {@code total} starts: {@code instruction} as written, e.g. {@code RUN make}. */
        void step(int number, int total, String instruction);

        /** The image the stage starts from ({@code ""} for scratch). */
        void base(String imageId);

        /** The base image has {@code count} ONBUILD triggers, now run. */
        void triggers(int count);

        /** The step's result came from the build cache. */
        void cached();

        /** The step runs in the container {@code id}. */
        void runningIn(String id);

        /** Where the step's own output goes, as it comes. */
        OutputStream output();

        /** The step's container is gone. */
        void removed(String id);

        /** The step (or the FROM and its triggers) made {@code imageId}. */
        void result(String imageId);

        /** The step failed with {@code message}. */
        void failed(String message);

        /** The stage has no more steps. */
        void done();
    }
}
