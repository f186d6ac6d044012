package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The attach socket's frames: each kind round-trips; a broken stream is an error, a clean end is not. */
class AttachFramesTest {
    @Test
    void framesRoundTripInOrder() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        AttachFrames.hello(wire, true, true, false);
        AttachFrames.write(wire, AttachFrames.Type.STDIN, "echo hi\n".getBytes(StandardCharsets.UTF_8));
        AttachFrames.writeSize(wire, new Posix.WindowSize(30, 100));
        AttachFrames.write(wire, AttachFrames.Type.STDIN_CLOSE, new byte[0]);
        AttachFrames.write(wire, AttachFrames.Type.STDOUT, "xhi\ny".getBytes(StandardCharsets.UTF_8), 1, 3);
        AttachFrames.writeInt(wire, AttachFrames.Type.EXIT, 130);

        ByteArrayInputStream in = new ByteArrayInputStream(wire.toByteArray());
        AttachFrames.Frame hello = AttachFrames.read(in);
        assertThat(hello.type()).isEqualTo(AttachFrames.Type.HELLO);
        assertThat(hello.payload()).containsExactly(AttachFrames.WANTS_STDIN | AttachFrames.WANTS_STDOUT);
        AttachFrames.Frame stdin = AttachFrames.read(in);
        assertThat(new String(stdin.payload(), StandardCharsets.UTF_8)).isEqualTo("echo hi\n");
        assertThat(AttachFrames.read(in).size()).isEqualTo(new Posix.WindowSize(30, 100));
        assertThat(AttachFrames.read(in).type()).isEqualTo(AttachFrames.Type.STDIN_CLOSE);
        AttachFrames.Frame out = AttachFrames.read(in);
        assertThat(out.type()).isEqualTo(AttachFrames.Type.STDOUT);
        assertThat(new String(out.payload(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
        AttachFrames.Frame exit = AttachFrames.read(in);
        assertThat(exit.type()).isEqualTo(AttachFrames.Type.EXIT);
        assertThat(exit.intPayload()).isEqualTo(130);
        assertThat(AttachFrames.read(in)).as("a clean end between frames").isNull();
    }

    @Test
    void brokenStreamsAreErrors() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        AttachFrames.write(wire, AttachFrames.Type.STDOUT, "hello".getBytes(StandardCharsets.UTF_8));
        byte[] whole = wire.toByteArray();
        byte[] cut = Arrays.copyOf(whole, whole.length - 2);
        assertThatThrownBy(() -> AttachFrames.read(new ByteArrayInputStream(cut)))
                .isInstanceOf(IOException.class).hasMessageContaining("ended inside a frame");
        assertThatThrownBy(() -> AttachFrames.read(new ByteArrayInputStream(new byte[] {99, 0, 0, 0, 0})))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown frame type 99");
        assertThatThrownBy(() -> AttachFrames.read(new ByteArrayInputStream(new byte[] {4, 0x7f, 0, 0, 0})))
                .isInstanceOf(IOException.class).hasMessageContaining("a frame of 2130706432 bytes");
        ByteArrayOutputStream shortExit = new ByteArrayOutputStream();
        AttachFrames.write(shortExit, AttachFrames.Type.EXIT, new byte[] {1});
        AttachFrames.Frame frame = AttachFrames.read(new ByteArrayInputStream(shortExit.toByteArray()));
        assertThatThrownBy(frame::intPayload).isInstanceOf(IOException.class);
    }

    @Test
    void theFeedGivesWhatClientsSentThenEnds() throws IOException {
        AttachServer.Feed feed = new AttachServer.Feed();
        feed.offer("ab".getBytes(StandardCharsets.UTF_8));
        feed.offer(new byte[0]);
        feed.offer("c".getBytes(StandardCharsets.UTF_8));
        feed.end();
        feed.offer("late".getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[1];
        assertThat(feed.read(buffer, 0, 1)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 'a');
        byte[] more = new byte[10];
        assertThat(feed.read(more, 0, 10)).isEqualTo(1);
        assertThat(feed.read(more, 0, 10)).isEqualTo(1);
        assertThat(more[0]).isEqualTo((byte) 'c');
        assertThat(feed.read(more, 0, 10)).isEqualTo(-1);
        assertThat(feed.read(more, 0, 10)).as("the end stays the end").isEqualTo(-1);
    }
}
