package dev.strata.network.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker 20.10's resolv.conf rules, case by case, with exact results. */
class ResolvConfTest {
    @Test
    void loopbackNameserversGoOthersStay() {
        String host = "# generated\nsearch example.com\nnameserver 127.0.0.53\nnameserver 10.255.255.53\noptions edns0\n";
        assertThat(ResolvConf.filter(host, false))
                .isEqualTo("# generated\nsearch example.com\nnameserver 10.255.255.53\noptions edns0\n");
    }

    @Test
    void onlyLoopbackLeftMeansGooglesServers() {
        assertThat(ResolvConf.filter("nameserver 127.0.0.1\n", false))
                .isEqualTo("\nnameserver 8.8.8.8\nnameserver 8.8.4.4");
        assertThat(ResolvConf.filter("nameserver ::1\nsearch lan\n", true))
                .isEqualTo("search lan\n\nnameserver 8.8.8.8\nnameserver 8.8.4.4\nnameserver 2001:4860:4860::8888"
                        + "\nnameserver 2001:4860:4860::8844");
        assertThat(ResolvConf.filter("", false)).isEqualTo("\nnameserver 8.8.8.8\nnameserver 8.8.4.4");
    }

    @Test
    void ipv6NameserversGoWithoutIpv6() {
        String host = "nameserver fd00::1\nnameserver 192.0.2.53\n";
        assertThat(ResolvConf.filter(host, false)).isEqualTo("nameserver 192.0.2.53\n");
        assertThat(ResolvConf.filter(host, true)).isEqualTo(host);
    }

    @Test
    void flagsBuildTheFileAnewTakingTheRestFromTheHost() {
        String host = "search corp.example\nnameserver 127.0.0.11\nnameserver 192.0.2.53\noptions ndots:2 timeout:1\n";
        assertThat(ResolvConf.forContainer(host, List.of("9.9.9.9"), List.of(), List.of(), false))
                .isEqualTo("search corp.example\nnameserver 9.9.9.9\noptions ndots:2 timeout:1\n");
        assertThat(ResolvConf.forContainer(host, List.of(), List.of("a.example", "b.example"), List.of(), false))
                .isEqualTo("search a.example b.example\nnameserver 192.0.2.53\noptions ndots:2 timeout:1\n");
        assertThat(ResolvConf.forContainer(host, List.of(), List.of("."), List.of("ndots:0"), false))
                .isEqualTo("nameserver 192.0.2.53\noptions ndots:0\n");
        assertThat(ResolvConf.forContainer(host, List.of(), List.of(), List.of(), false))
                .isEqualTo("search corp.example\nnameserver 192.0.2.53\noptions ndots:2 timeout:1\n");
    }

    @Test
    void readsTheHostsLists() {
        String host = "nameserver 1.1.1.1 # first\n#nameserver 2.2.2.2\nsearch a\nsearch b c\noptions rotate\n";
        assertThat(ResolvConf.nameservers(host)).containsExactly("1.1.1.1");
        assertThat(ResolvConf.searchDomains(host)).containsExactly("b", "c");
        assertThat(ResolvConf.options(host)).containsExactly("rotate");
        assertThat(ResolvConf.onlySystemdStub("nameserver 127.0.0.53\noptions edns0 trust-ad\n")).isTrue();
        assertThat(ResolvConf.onlySystemdStub(host)).isFalse();
    }
}
