package dev.strata.api;

import java.io.IOException;

/** What serves one route: reads the {@link Call}, answers it, or throws for {@link ApiErrors} to word. */
@FunctionalInterface
public interface Endpoint {
    void serve(Call call) throws IOException;
}
