package dev.strata.container;

import dev.strata.io.BlockOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the stdio of a runtime running in the foreground ({@code runc run}, {@code runc exec}), whose
 * stdio the container's process inherits: stdout to the attached stream and the log; stdin from the
 * attached stream. Stderr is held back until the process is known to have started, because until then
 * anything on it is the runtime's own error message (which we take from its log instead), not the
 * container's output.
 */
final class ProcessPumps implements AutoCloseable {
    private final List<Thread> outputPumps = new ArrayList<>();
    private final HeldOutput heldErr;
    private final OutputStream stdin;
    private final List<OutputStream> logStreams;

    private ProcessPumps(Process process, Attach attach, JsonFileLog log, boolean stdinPiped, boolean keepStdinOpen)
            throws IOException {
        OutputStream logOut = log.stream("stdout");
        OutputStream logErr = log.stream("stderr");
        logStreams = List.of(logOut, logErr);
        List<OutputStream> outSinks = new ArrayList<>(List.of(logOut));
        if (attach.stdout() != null) {
            outSinks.add(attach.stdout());
        }
        List<OutputStream> errSinks = new ArrayList<>(List.of(logErr));
        if (attach.stderr() != null) {
            errSinks.add(attach.stderr());
        }
        heldErr = new HeldOutput(errSinks);
        outputPumps.add(ProcessIo.pump("container-stdout", process.getInputStream(), outSinks, List.of(logOut)));
        outputPumps.add(ProcessIo.pump("container-stderr", process.getErrorStream(), List.of(heldErr), List.of(logErr)));
        if (!stdinPiped) {
            stdin = null;
        } else if (attach.stdin() != null) {
            stdin = process.getOutputStream();
            // end of our input closes the container's, as docker run -i does
            ProcessIo.pump("container-stdin", attach.stdin(), List.of(stdin), List.of(stdin));
        } else if (keepStdinOpen) {
            // a detached -i container keeps an open stdin that nobody writes to, as under Docker
            stdin = process.getOutputStream();
        } else {
            stdin = null;
            process.getOutputStream().close();
        }
    }

    static ProcessPumps start(Process process, Attach attach, JsonFileLog log, boolean stdinPiped,
                              boolean keepStdinOpen) throws IOException {
        return new ProcessPumps(process, attach, log, stdinPiped, keepStdinOpen);
    }

    /** The process runs: what it wrote to stderr so far, and all it writes from now, passes. */
    void started() throws IOException {
        heldErr.release();
    }

    /** The runtime failed before starting the process: what is on stderr is the runtime's, and is dropped. */
    void failed() {
        heldErr.drop();
    }

    void awaitOutput(long millis) {
        ProcessIo.join(outputPumps, millis);
    }

    @Override
    public void close() throws IOException {
        if (stdin != null) {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // its pump closed it first
            }
        }
        for (OutputStream stream : logStreams) {
            // flushes a last line without newline, if its pump is still blocked
            stream.close();
        }
    }

    /** Buffers until released (then writes through) or dropped (then discards everything). */
    private static final class HeldOutput extends BlockOutputStream {
        private final List<OutputStream> sinks;
        private ByteArrayOutputStream held = new ByteArrayOutputStream();
        private boolean dropped;

        HeldOutput(List<OutputStream> sinks) {
            this.sinks = sinks;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            if (dropped) {
                return;
            }
            if (held != null) {
                held.write(bytes, offset, length);
                return;
            }
            for (OutputStream sink : sinks) {
                try {
                    sink.write(bytes, offset, length);
                    sink.flush();
                } catch (IOException ignored) {
                    // a closed terminal must not stop the log
                }
            }
        }

        synchronized void release() throws IOException {
            if (held == null || dropped) {
                return;
            }
            byte[] bytes = held.toByteArray();
            held = null;
            write(bytes, 0, bytes.length);
        }

        synchronized void drop() {
            dropped = true;
            held = null;
        }
    }
}
