package dev.strata.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void theHostIsNamedByItsOsAloneOrWithItsArchitecture() {
        Platform host = Platform.host();
        assertThat(Platform.isHost(host.os())).isTrue();
        assertThat(Platform.isHost(host.os() + "/" + host.architecture())).isTrue();
        assertThat(Platform.isHost(host.os() + "/" + (host.architecture().equals("s390x") ? "arm64" : "s390x"))).isFalse();
        assertThat(Platform.isHost("windows")).isFalse();
    }
}
