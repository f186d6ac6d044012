package dev.strata.build.executor.progress;

import dev.strata.io.BlockOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Several outputs at once: the screen and {@code --log FILE}, say. Every event goes to each, in order. */
public final class Outputs implements BuildOutput {
    private final List<BuildOutput> outputs;

    public Outputs(List<BuildOutput> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    /** Nothing shown: {@code -q}. */
    public static BuildOutput none() {
        return new Outputs(List.of());
    }

    @Override
    public Lane lane(int index, String name) {
        List<Lane> lanes = new ArrayList<>();
        for (BuildOutput output : outputs) {
            lanes.add(output.lane(index, name));
        }
        return new Lanes(lanes);
    }

    @Override
    public void warning(String text) {
        outputs.forEach(o -> o.warning(text));
    }

    @Override
    public void built(String imageId, List<String> tags) {
        outputs.forEach(o -> o.built(imageId, tags));
    }

    @Override
    public void close() {
        outputs.forEach(BuildOutput::close);
    }

    private record Lanes(List<Lane> lanes) implements Lane {
        @Override
        public void step(int number, int total, String instruction) {
            lanes.forEach(l -> l.step(number, total, instruction));
        }

        @Override
        public void base(String imageId) {
            lanes.forEach(l -> l.base(imageId));
        }

        @Override
        public void triggers(int count) {
            lanes.forEach(l -> l.triggers(count));
        }

        @Override
        public void cached() {
            lanes.forEach(Lane::cached);
        }

        @Override
        public void runningIn(String id) {
            lanes.forEach(l -> l.runningIn(id));
        }

        @Override
        public OutputStream output() {
            List<OutputStream> streams = lanes.stream().map(Lane::output).toList();
            return new BlockOutputStream() {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    for (OutputStream s : streams) {
                        s.write(b, off, len);
                    }
                }

                @Override
                public void flush() throws IOException {
                    for (OutputStream s : streams) {
                        s.flush();
                    }
                }
            };
        }

        @Override
        public void removed(String id) {
            lanes.forEach(l -> l.removed(id));
        }

        @Override
        public void result(String imageId) {
            lanes.forEach(l -> l.result(imageId));
        }

        @Override
        public void failed(String message) {
            lanes.forEach(l -> l.failed(message));
        }

        @Override
        public void done() {
            lanes.forEach(Lane::done);
        }
    }
}
