package dev.strata.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.network.ip.Subnet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetsTest {
    /** This machine's table: eth0's LAN, docker0, the default route (left out). */
    static final List<String> TABLE = List.of(
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
            "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
            "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
            "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0");

    @Test
    void readsTheKernelsRouteTable() {
        assertThat(Subnets.parseRouteTable(TABLE)).containsExactly(Subnet.parse("172.17.0.0/16"),
                Subnet.parse("192.0.2.0/24"));
    }

    @Test
    void candidatesAreDockersPoolsInOrder() {
        List<Subnet> all = Subnets.candidates();
        assertThat(all.getFirst()).isEqualTo(Subnet.parse("172.17.0.0/16"));
        assertThat(all.get(14)).isEqualTo(Subnet.parse("172.31.0.0/16"));
        assertThat(all.get(15)).isEqualTo(Subnet.parse("192.168.0.0/20"));
        assertThat(all).hasSize(31);
    }
}
