package dev.strata.network.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubnetTest {
    @Test
    void parsesAndClearsHostBits() {
        Subnet s = Subnet.parse("10.213.0.5/24");
        assertThat(s.toString()).isEqualTo("10.213.0.0/24");
        assertThat(Ipv4.format(s.address(1))).isEqualTo("10.213.0.1");
        assertThat(Ipv4.format(s.broadcast())).isEqualTo("10.213.0.255");
        assertThat(s.size()).isEqualTo(256);
        assertThat(s.contains(Ipv4.parse("10.213.0.200"))).isTrue();
        assertThat(s.contains(Ipv4.parse("10.213.1.1"))).isFalse();
        assertThat(Subnet.parse("0.0.0.0/0").contains(Ipv4.parse("255.255.255.255"))).isTrue();
    }

    @Test
    void overlap() {
        assertThat(Subnet.parse("172.17.0.0/16").overlaps(Subnet.parse("172.17.5.0/24"))).isTrue();
        assertThat(Subnet.parse("172.17.5.0/24").overlaps(Subnet.parse("172.17.0.0/16"))).isTrue();
        assertThat(Subnet.parse("172.17.0.0/16").overlaps(Subnet.parse("172.18.0.0/16"))).isFalse();
        assertThat(Subnet.parse("10.0.0.0/8").contains(Subnet.parse("10.213.0.0/16"))).isTrue();
    }

    @Test
    void refusesWithGosWords() {
        for (String bad : new String[] {"abc", "10.0.0.0", "10.0.0.0/33", "10.0.0/24", "010.0.0.0/8", "10.0.0.0/"}) {
            assertThatThrownBy(() -> Subnet.parse(bad)).hasMessage("invalid CIDR address: " + bad);
        }
    }

    @Test
    void addressLiterals() {
        assertThat(Ipv4.isIp("127.0.0.1")).isTrue();
        assertThat(Ipv4.isIp("::")).isTrue();
        assertThat(Ipv4.isIp("::1")).isTrue();
        assertThat(Ipv4.isIp("fd00::2")).isTrue();
        assertThat(Ipv4.isIp("2001:db8:0:0:0:0:0:1")).isTrue();
        assertThat(Ipv4.isIp("::ffff:10.0.0.1")).isTrue();
        assertThat(Ipv4.isIp("1.2.3")).isFalse();
        assertThat(Ipv4.isIp("256.1.1.1")).isFalse();
        assertThat(Ipv4.isIp("1::2::3")).isFalse();
        assertThat(Ipv4.isIp("example.com")).isFalse();
        assertThat(Ipv4.isIp("1:2:3:4:5:6:7:8:9")).isFalse();
    }
}
