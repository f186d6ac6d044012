package dev.strata.network.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ps's PORTS column, against what the docker 28 client printed for the same NetworkSettings.Ports. */
class PortsColumnTest {
    private static List<PortBinding> both(String port) {
        return List.of(new PortBinding("0.0.0.0", port), new PortBinding("::", port));
    }

    @Test
    void rangesExposedOnlyAndLoopback() {
        Map<String, Object> ports = new LinkedHashMap<>();
        ports.put("80/tcp", both("18100"));
        ports.put("81/tcp", both("18101"));
        ports.put("82/tcp", both("18102"));
        ports.put("83/udp", List.of(new PortBinding("127.0.0.1", "18103")));
        ports.put("90/tcp", null);
        ports.put("91/udp", null);
        ports.put("92/udp", null);
        assertThat(PortsColumn.of(ports)).isEqualTo("90/tcp, 91-92/udp, 0.0.0.0:18100->80/tcp, "
                + "[::]:18100->80/tcp, 0.0.0.0:18101->81/tcp, [::]:18101->81/tcp, 0.0.0.0:18102->82/tcp, "
                + "[::]:18102->82/tcp, 127.0.0.1:18103->83/udp");
    }

    @Test
    void twoBindingsOfOnePortSortByHostPort() {
        assertThat(PortsColumn.of(Map.of("80/tcp",
                List.of(new PortBinding("0.0.0.0", "32768"), new PortBinding("::", "32768"),
                        new PortBinding("0.0.0.0", "18090"), new PortBinding("::", "18090")))))
                .isEqualTo("0.0.0.0:18090->80/tcp, 0.0.0.0:32768->80/tcp, [::]:18090->80/tcp, [::]:32768->80/tcp");
    }

    @Test
    void samePortOnBothSidesGroupsIntoRanges() {
        Map<String, Object> ports = new LinkedHashMap<>();
        ports.put("8000/tcp", both("8000"));
        ports.put("8001/tcp", both("8001"));
        assertThat(PortsColumn.of(ports))
                .isEqualTo("0.0.0.0:8000-8001->8000-8001/tcp, [::]:8000-8001->8000-8001/tcp");
        assertThat(PortsColumn.of(Map.of())).isEmpty();
    }
}
