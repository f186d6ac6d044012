package dev.strata.build.executor.progress;

import dev.strata.io.BlockOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's classic builder output ({@code --progress plain}, and {@code --log FILE}):
 * <pre>
 * Step 2/5 : RUN make
 *  ---> Running in 4baa606b6b3d
 * (the step's output)
 * Removing intermediate container 4baa606b6b3d
 *  ---> acb56214dc2e
 * Successfully built acb56214dc2e
 * Successfully tagged app:latest
 * </pre>
 * Stages that run at once still print one after another in Dockerfile order, exactly as a build of
 * one stage at a time would: the first unfinished lane writes straight through, and the others keep
 * what they say (in memory up to 1 MiB, then in a file in {@code spoolDir}) until their turn comes, so
 * no output is ever clipped or lost.
 */
public final class ClassicLines implements BuildOutput {
    private static final int MEMORY_LIMIT = 1 << 20;

    private final PrintStream out;
    private final Path spoolDir;
    private final List<ClassicLane> lanes = new ArrayList<>();
    private int current;

    /** @param spoolDir where a waiting lane's output goes past 1 MiB; null to keep it all in memory */
    public ClassicLines(PrintStream out, Path spoolDir) {
        this.out = out;
        this.spoolDir = spoolDir;
    }

    @Override
    public synchronized Lane lane(int index, String name) {
        ClassicLane lane = new ClassicLane();
        lanes.add(lane);
        if (lanes.size() - 1 == current) {
            lane.release();
        }
        return lane;
    }

    @Override
    public synchronized void warning(String text) {
        flushAll();
        out.println(text);
        out.flush();
    }

    @Override
    public synchronized void built(String imageId, List<String> tags) {
        flushAll();
        out.println("Successfully built " + shortId(imageId));
        for (String tag : tags) {
            out.println("Successfully tagged " + tag);
        }
        out.flush();
    }

    @Override
    public synchronized void close() {
        flushAll();
        out.flush();
    }

    /** Lets every lane say what it holds, in order, whether finished or not (the build is over). */
    private void flushAll() {
        while (current < lanes.size()) {
            lanes.get(current).release();
            current++;
        }
    }

    static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    private synchronized boolean isCurrent(ClassicLane lane) {
        return current < lanes.size() && lanes.get(current) == lane;
    }

    private synchronized void finished(ClassicLane lane) {
        lane.finished = true;
        while (current < lanes.size() && lanes.get(current).finished) {
            current++;
            if (current < lanes.size()) {
                lanes.get(current).release();
            }
        }
        out.flush();
    }

    private final class ClassicLane implements Lane {
        private ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private Path spool;
        private OutputStream spoolOut;
        private boolean finished;
        private final OutputStream stepOutput = new BlockOutputStream() {
            @Override
            public void write(byte[] b, int off, int len) {
                emit(b, off, len);
            }
        };

        private void emit(byte[] b, int off, int len) {
            synchronized (ClassicLines.this) {
                if (isCurrent(this) && memory == null) {
                    out.write(b, off, len);
                    out.flush();
                    return;
                }
                try {
                    if (spoolOut != null) {
                        spoolOut.write(b, off, len);
                    } else if (memory.size() + len > MEMORY_LIMIT && spoolDir != null) {
                        Files.createDirectories(spoolDir);
                        spool = Files.createTempFile(spoolDir, "lane-", ".log");
                        spoolOut = Files.newOutputStream(spool, StandardOpenOption.APPEND);
                        memory.writeTo(spoolOut);
                        memory.reset();
                        spoolOut.write(b, off, len);
                    } else {
                        memory.write(b, off, len);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("keep the output of a stage waiting its turn: " + e.getMessage(), e);
                }
            }
        }

        /** From now on this lane writes straight through; what it held goes first. */
        void release() {
            if (memory == null) {
                return;
            }
            try {
                if (spoolOut != null) {
                    spoolOut.close();
                    Files.copy(spool, out);
                    Files.deleteIfExists(spool);
                    spoolOut = null;
                }
                memory.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            memory = null;
            out.flush();
        }

        private void line(String text) {
            byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
            emit(bytes, 0, bytes.length);
        }

        @Override
        public void step(int number, int total, String instruction) {
            line("Step " + number + "/" + total + " : " + instruction);
        }

        @Override
        public void base(String imageId) {
            line(" ---> " + shortId(imageId));
        }

        @Override
        public void triggers(int count) {
            line("# Executing " + count + " build trigger" + (count == 1 ? "" : "s"));
        }

        @Override
        public void cached() {
            line(" ---> Using cache");
        }

        @Override
        public void runningIn(String id) {
            line(" ---> Running in " + shortId(id));
        }

        @Override
        public OutputStream output() {
            return stepOutput;
        }

        @Override
        public void removed(String id) {
            line("Removing intermediate container " + shortId(id));
        }

        @Override
        public void result(String imageId) {
            line(" ---> " + shortId(imageId));
        }

        @Override
        public void failed(String message) {
            // the command prints the error itself, once, after the output
        }

        @Override
        public void done() {
            finished(this);
        }
    }
}
