package dev.strata.linux;

import java.io.IOException;

/** A failed system call: the operation, the path it was for, and the kernel's reason. */
public final class LinuxException extends IOException {
    private final int errno;

    public LinuxException(String operation, int errno, String reason) {
        super(operation + ": " + reason + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
