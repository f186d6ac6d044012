package dev.strata.network.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostsFileTest {
    @Test
    void dockersLinesThenExtraHostsOwnLineAndPeers() {
        String text = HostsFile.render(List.of(new HostsFile.Entry("1.2.3.4", List.of("foo"))), "10.213.1.9", "myhost",
                List.of(new HostsFile.Entry("10.213.1.9", List.of("me", "alias", "0123456789ab")),
                        new HostsFile.Entry("10.213.1.2", List.of("web", "www", "ba9876543210")),
                        new HostsFile.Entry("10.213.1.2", List.of("web", "other"))));
        assertThat(text).isEqualTo("""
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                ff00::0\tip6-mcastprefix
                ff02::1\tip6-allnodes
                ff02::2\tip6-allrouters
                1.2.3.4\tfoo
                10.213.1.9\tmyhost
                10.213.1.9\tme alias 0123456789ab
                10.213.1.2\tweb www ba9876543210
                10.213.1.2\tother
                """);
    }

    @Test
    void aDomainNameGetsItsShortNameToo() {
        assertThat(HostsFile.render(List.of(), "10.0.0.2", "db.example.com", List.of()))
                .endsWith("10.0.0.2\tdb.example.com db\n");
        assertThat(HostsFile.render(List.of(), null, "x", List.of())).isEqualTo(HostsFile.DEFAULT);
    }

    @Test
    void addHostGrammar() {
        assertThat(HostsFile.parseAddHost("foo:1.2.3.4", "10.0.0.1")).isEqualTo(new HostsFile.Entry("1.2.3.4", List.of("foo")));
        assertThat(HostsFile.parseAddHost("foo=fd00::1", "10.0.0.1")).isEqualTo(new HostsFile.Entry("fd00::1", List.of("foo")));
        assertThat(HostsFile.parseAddHost("v6:[::1]", "")).isEqualTo(new HostsFile.Entry("::1", List.of("v6")));
        assertThat(HostsFile.parseAddHost("gw:host-gateway", "10.0.0.1")).isEqualTo(new HostsFile.Entry("10.0.0.1", List.of("gw")));
        assertThatThrownBy(() -> HostsFile.parseAddHost("foo", "")).hasMessage("bad format for add-host: \"foo\"");
        assertThatThrownBy(() -> HostsFile.parseAddHost("foo:bar", "")).hasMessage("invalid IP address in add-host: \"bar\"");
    }
}
