package dev.strata.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection taken over from HTTP: what the client writes (its end of input is the client closing its
 * writing side, as {@code docker attach} does when its stdin ends) and what we write to it. Closing
 * ends the connection; {@link #closeOutput} only our writing side, so the client sees the end of output.
 */
public interface Hijacked extends AutoCloseable {
    InputStream in();

    OutputStream out();

    void closeOutput() throws IOException;

    @Override
    void close() throws IOException;
}
