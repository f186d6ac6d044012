package dev.strata.api;

import dev.strata.error.InvalidInputException;

/**
 * An Engine API version, {@code 1.NN}. Strata serves {@link #MINIMUM} (what Debian's docker 20.10 client
 * speaks) to {@link #CURRENT} (the docker 28.2 client's); a request without a version prefix gets the
 * current one, as dockerd does.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    public static final ApiVersion MINIMUM = new ApiVersion(1, 41);
    public static final ApiVersion CURRENT = new ApiVersion(1, 50);

    static ApiVersion parse(String text) {
        int dot = text.indexOf('.');
        try {
            if (dot > 0) {
                return new ApiVersion(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
            }
        } catch (NumberFormatException e) {
            // worded below
        }
        throw new InvalidInputException("invalid API version " + text);
    }

    /** Docker's refusals, word for word, for versions outside what is served. */
    void checkServed() {
        if (compareTo(MINIMUM) < 0) {
            throw new InvalidInputException("client version " + this + " is too old. Minimum supported API version is "
                    + MINIMUM + ", please upgrade your client to a newer version");
        }
        if (compareTo(CURRENT) > 0) {
            throw new InvalidInputException("client version " + this + " is too new. Maximum supported API version is "
                    + CURRENT);
        }
    }

    public boolean atLeast(int minorVersion) {
        return major > 1 || minor >= minorVersion;
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
