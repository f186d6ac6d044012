package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Docker's --detach-keys grammar (checked against its daemon's answers), and the watch over typed input. */
class DetachKeysTest {
    @Test
    void theDefaultIsCtrlPCtrlQ() {
        assertThat(DetachKeys.parse("")).isEqualTo(DetachKeys.DEFAULT);
        assertThat(DetachKeys.parse(null)).isEqualTo(DetachKeys.DEFAULT);
        assertThat(DetachKeys.parse("ctrl-p,ctrl-q").sequence()).containsExactly(0x10, 0x11);
    }

    @Test
    void singleCharactersAndControlKeys() {
        assertThat(DetachKeys.parse("ctrl-x,x").sequence()).containsExactly(0x18, 'x');
        assertThat(DetachKeys.parse("a,b,c").sequence()).containsExactly('a', 'b', 'c');
        assertThat(DetachKeys.parse("A,1,%, ").sequence()).containsExactly('A', '1', '%', ' ');
        assertThat(DetachKeys.parse("ctrl-a,ctrl-z").sequence()).containsExactly(1, 26);
        assertThat(DetachKeys.parse("ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_").sequence())
                .containsExactly(0, 27, 28, 29, 30, 31);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "ctrl-A", "ctrl-1", "ctrl-aa", ",", "ctrl-p,", "x,,y", "ab", "ctrl-`", "ctrl-{", "ctrl-"})
    void docker20sDaemonRefusesTheseAndSoDoWe(String keys) {
        assertThatThrownBy(() -> DetachKeys.parse(keys))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid detach keys (" + keys + ") provided");
    }

    @Test
    void inputPassesUntilTheWholeSequence() {
        DetachKeys.Watch watch = DetachKeys.DEFAULT.watch();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(scan(watch, "ls\n", out)).isFalse();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("ls\n");
        out.reset();
        // Ctrl-P alone is held, then passed on when the next key is not Ctrl-Q
        assertThat(scan(watch, "\u0010", out)).isFalse();
        assertThat(out.size()).isZero();
        assertThat(scan(watch, "a", out)).isFalse();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\u0010a");
        out.reset();
        // split across reads, after a false start that itself begins the sequence
        assertThat(scan(watch, "x\u0010\u0010", out)).isFalse();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("x\u0010");
        out.reset();
        assertThat(scan(watch, "\u0011ignored", out)).isTrue();
        assertThat(out.size()).isZero();
    }

    @Test
    void aOneKeySequenceDetachesAtOnce() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(scan(DetachKeys.parse("ctrl-x").watch(), "ab\u0018", out)).isTrue();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("ab");
    }

    private static boolean scan(DetachKeys.Watch watch, String typed, ByteArrayOutputStream out) {
        byte[] bytes = typed.getBytes(StandardCharsets.ISO_8859_1);
        return watch.scan(bytes, 0, bytes.length, out);
    }
}
