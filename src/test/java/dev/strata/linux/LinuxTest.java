package dev.strata.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxTest {
    @TempDir
    Path dir;

    @Test
    void makedevMatchesTheKernelsEncoding() throws Exception {
        assertThat(Linux.makedev(0, 0)).isZero();
        // /dev/null is character device 1,3 on every Linux system
        assertThat(Linux.makedev(1, 3)).isEqualTo(Files.getAttribute(Path.of("/dev/null"), "unix:rdev"));
        // large numbers spill into the high bits: major 259 -> 0x103 << 8, minor 0x10000 -> << 12
        assertThat(Linux.makedev(259, 0x10000)).isEqualTo(0x10010300L);
    }

    @Test
    void xattrsRoundTripInTheUserNamespace() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        Linux.setXattr(file, "user.strata.test", "value".getBytes(StandardCharsets.UTF_8));
        assertThat(Linux.getXattr(file, "user.strata.test")).get()
                .extracting(b -> new String(b, StandardCharsets.UTF_8)).isEqualTo("value");
        assertThat(Linux.listXattrs(file)).contains("user.strata.test");
        assertThat(Linux.getXattr(file, "user.absent")).isEmpty();
        Linux.removeXattr(file, "user.strata.test");
        assertThat(Linux.getXattr(file, "user.strata.test")).isEmpty();
    }

    @Test
    void failuresNameTheOperationAndTheReason() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> Linux.setXattr(missing, "user.x", new byte[] {1}))
                .isInstanceOf(LinuxException.class)
                .hasMessage("set xattr user.x on " + missing + ": No such file or directory (errno 2)");
    }

    @Test
    void mknodMakesAFifoAndAsRootAWhiteoutDevice() throws Exception {
        Path fifo = dir.resolve("fifo");
        Linux.mknod(fifo, Linux.S_IFIFO | 0644, 0, 0);
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.getAttribute(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0010644);
        if (Linux.isRoot()) {
            Path whiteout = dir.resolve("wh");
            Linux.mknod(whiteout, Linux.S_IFCHR, 0, 0);
            assertThat(Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0L);
            assertThat((int) Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000)
                    .isEqualTo(Linux.S_IFCHR);
        }
    }
}
