package dev.strata.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineOutputStreamTest {
    @Test
    void eachLineGoesWithItsNewlineAndAFlushSendsTheRest() throws Exception {
        List<String> lines = new ArrayList<>();
        LineOutputStream out = new LineOutputStream(lines::add);

        out.write("one\ntw".getBytes(StandardCharsets.UTF_8), 0, 6);
        out.write('o');
        out.write("\n\nthr".getBytes(StandardCharsets.UTF_8), 0, 5);
        assertThat(lines).containsExactly("one\n", "two\n", "\n");

        out.flush();
        out.flush();
        assertThat(lines).containsExactly("one\n", "two\n", "\n", "thr");
    }

    @Test
    void aCharacterSplitAcrossWritesIsWholeInItsLine() throws Exception {
        List<String> lines = new ArrayList<>();
        byte[] bytes = "é\n".getBytes(StandardCharsets.UTF_8);
        try (LineOutputStream out = new LineOutputStream(lines::add)) {
            out.write(bytes, 0, 1);
            out.write(bytes, 1, bytes.length - 1);
        }
        assertThat(lines).containsExactly("é\n");
    }
}
