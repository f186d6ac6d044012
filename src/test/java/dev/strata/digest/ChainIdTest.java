package dev.strata.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChainIdTest {
    private static final DiffId A = DiffId.parse("sha256:" + "a".repeat(64));
    private static final DiffId B = DiffId.parse("sha256:" + "b".repeat(64));

    @Test
    void firstChainIdIsTheDiffId() {
        assertThat(ChainId.chain(List.of(A))).containsExactly(new ChainId(A.digest()));
    }

    @Test
    void laterChainIdsHashParentSpaceDiffId() {
        List<ChainId> chain = ChainId.chain(List.of(A, B));
        assertThat(chain.get(1).digest())
                .isEqualTo(Digest.sha256("sha256:" + "a".repeat(64) + " sha256:" + "b".repeat(64)));
        // computed independently: printf 'sha256:a…a sha256:b…b' | sha256sum
        assertThat(chain.get(1).digest().encoded())
                .isEqualTo("ccd722928bd92476ba1745586fed6e45a102504185ad88cd89e01ff116fd146c");
    }

    @Test
    void rejectsMalformedDigests() {
        assertThatThrownBy(() -> Digest.parse("sha256:ABC")).isInstanceOf(InvalidDigestException.class)
                .hasMessageContaining("64 lowercase hex");
        assertThatThrownBy(() -> Digest.parse("md5:" + "a".repeat(32))).isInstanceOf(InvalidDigestException.class);
        assertThatThrownBy(() -> Digest.parse("nocolon")).isInstanceOf(InvalidDigestException.class);
    }
}
