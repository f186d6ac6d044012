package dev.strata.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningPortsTest {
    // as /proc/net/tcp and tcp6 print them: a header, then sl, local, remote, state, ...
    private static final List<String> TCP = List.of(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
            "   1: 0100007F:0050 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 2 1");
    private static final List<String> TCP6 = List.of(
            "  sl  local_address                         remote_address                        st tx_queue",
            "   0: 00000000000000000000000000000000:1538 00000000000000000000000000000000:0000 0A 00000000:00000000");

    @Test
    void aListeningSocketOfThePortIsFoundAndAnEstablishedOneIsNot() {
        assertThat(ListeningPorts.listens(TCP, 8080)).isTrue();
        assertThat(ListeningPorts.listens(TCP, 80)).as("port 80 is only a connection, not listening").isFalse();
        assertThat(ListeningPorts.listens(TCP6, 5432)).isTrue();
        assertThat(ListeningPorts.listens(TCP6, 8080)).isFalse();
        assertThat(ListeningPorts.listens(List.of(), 8080)).isFalse();
    }

    @Test
    void aProcessThatDoesNotExistListensOnNothing() throws Exception {
        assertThat(ListeningPorts.listens(0, 8080)).isFalse();
        assertThat(ListeningPorts.listens(Integer.MAX_VALUE, 8080)).isFalse();
    }
}
