package dev.strata.network.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code -p} and {@code --expose} grammars, against what the docker 28 client accepts and says. */
class PortSpecTest {
    private static PortSpec.Mapping m(int port, String proto, String ip, String hostPort) {
        return new PortSpec.Mapping(new Port(port, proto), new PortBinding(ip, hostPort));
    }

    @Test
    void containerPortAloneIsAnEphemeralPortOnEveryAddress() {
        assertThat(PortSpec.parse("80")).containsExactly(m(80, "tcp", "", ""));
        assertThat(PortSpec.parse("53/udp")).containsExactly(m(53, "udp", "", ""));
        assertThat(PortSpec.parse("80/TCP")).containsExactly(m(80, "tcp", "", ""));
        assertThat(PortSpec.parse("80/")).containsExactly(m(80, "tcp", "", ""));
    }

    @Test
    void hostPortAndAddress() {
        assertThat(PortSpec.parse("8080:80")).containsExactly(m(80, "tcp", "", "8080"));
        assertThat(PortSpec.parse(":80")).containsExactly(m(80, "tcp", "", ""));
        assertThat(PortSpec.parse("127.0.0.1:8080:80/udp")).containsExactly(m(80, "udp", "127.0.0.1", "8080"));
        assertThat(PortSpec.parse("127.0.0.1::80")).containsExactly(m(80, "tcp", "127.0.0.1", ""));
        assertThat(PortSpec.parse("[::1]:8080:80")).containsExactly(m(80, "tcp", "::1", "8080"));
        assertThat(PortSpec.parse("::1:8080:80")).containsExactly(m(80, "tcp", "::1", "8080"));
    }

    @Test
    void rangesPairUpOrGiveAHostRangeToChooseFrom() {
        assertThat(PortSpec.parse("8000-8002:80-82")).containsExactly(
                m(80, "tcp", "", "8000"), m(81, "tcp", "", "8001"), m(82, "tcp", "", "8002"));
        assertThat(PortSpec.parse("7000-7001/udp")).containsExactly(m(7000, "udp", "", ""), m(7001, "udp", "", ""));
        assertThat(PortSpec.parse("8000-8010:80")).containsExactly(m(80, "tcp", "", "8000-8010"));
    }

    @Test
    void longForm() {
        assertThat(PortSpec.parse("published=8080,target=80,protocol=udp,mode=host"))
                .containsExactly(m(80, "udp", "", "8080"));
        assertThat(PortSpec.parse("target=80")).containsExactly(m(80, "tcp", "", ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc|invalid containerPort: abc",
            "80:abc|invalid containerPort: abc",
            "80-|invalid containerPort: 80-",
            "82-80|invalid containerPort: 82-80",
            "99999:80|invalid hostPort: 99999",
            "1.2.3:80:80|invalid IP address: 1.2.3",
            "80/sctp2|invalid proto: sctp2",
            "8000-8001:80-82|invalid ranges specified for container and host Ports: 80-82 and 8000-8001",
            "8080:|no port specified: 8080:<empty>",
            "published=80|missing mandatory field 'target'"})
    void refusesAsDockerDoes(String spec, String message) {
        assertThatThrownBy(() -> PortSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void bindingsCollectByContainerPortInOrder() {
        Map<Port, List<PortBinding>> bindings = PortSpec.bindings(List.of("8080:80", "80", "53:53/udp"));
        assertThat(bindings).containsExactly(
                Map.entry(new Port(80, "tcp"), List.of(new PortBinding("", "8080"), new PortBinding("", ""))),
                Map.entry(new Port(53, "udp"), List.of(new PortBinding("", "53"))));
    }

    @Test
    void expose() {
        assertThat(PortSpec.exposed("90")).containsExactly(new Port(90, "tcp"));
        assertThat(PortSpec.exposed("91-92/udp")).containsExactly(new Port(91, "udp"), new Port(92, "udp"));
        assertThatThrownBy(() -> PortSpec.exposed("abc")).hasMessage(
                "invalid range format for --expose: abc, error: strconv.ParseUint: parsing \"abc\": invalid syntax");
    }

    @Test
    void keysAndHostAddressesAsDockerWritesThem() {
        assertThat(Port.parse("80/tcp")).isEqualTo(new Port(80, "tcp"));
        assertThat(Port.parse("53/udp").toString()).isEqualTo("53/udp");
        assertThat(new PortBinding("0.0.0.0", "8080").hostAndPort()).isEqualTo("0.0.0.0:8080");
        assertThat(new PortBinding("::", "8080").hostAndPort()).isEqualTo("[::]:8080");
    }
}
