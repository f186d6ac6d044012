package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void digitsCompareAsNumbers() {
        List<String> lines = new ArrayList<>(List.of("81/tcp -> 0.0.0.0:9", "80/tcp -> [::]:18090", "80/tcp -> 0.0.0.0:32768",
                "80/tcp -> 0.0.0.0:18090", "443/tcp -> 0.0.0.0:1", "nw-10", "nw-9", "nw-09"));
        lines.sort(NaturalOrder.INSTANCE);
        assertThat(lines).containsExactly("80/tcp -> 0.0.0.0:18090", "80/tcp -> 0.0.0.0:32768", "80/tcp -> [::]:18090",
                "81/tcp -> 0.0.0.0:9", "443/tcp -> 0.0.0.0:1", "nw-9", "nw-09", "nw-10");
    }
}
