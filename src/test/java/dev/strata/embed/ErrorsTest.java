package dev.strata.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.registry.client.RegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Each of the engine's error categories, and the registry's kinds, become one of the API's. */
class ErrorsTest {
    private static Throwable thrown(Throwable engineError) {
        try {
            Errors.call(() -> {
                switch (engineError) {
                    case IOException io -> throw io;
                    case RuntimeException runtime -> throw runtime;
                    default -> throw new AssertionError(engineError);
                }
            });
        } catch (IOException | RuntimeException e) {
            return e;
        }
        throw new AssertionError("nothing thrown");
    }

    @Test
    void theEnginesCategoriesKeepTheirMessageAndCause() {
        var notFound = new dev.strata.engine.NoSuchImageException("busybox:latest");
        assertThat(thrown(notFound)).isInstanceOf(NotFoundException.class).hasMessage("No such image: busybox:latest")
                .hasCause(notFound);
        assertThat(thrown(new dev.strata.error.ConflictException("in use"))).isInstanceOf(ConflictException.class);
        assertThat(thrown(new dev.strata.error.InvalidInputException("bad"))).isInstanceOf(InvalidInputException.class);
        assertThat(thrown(new dev.strata.error.CorruptDataException("bad bytes"))).isInstanceOf(CorruptDataException.class);
        assertThat(thrown(new dev.strata.error.UnavailableException("no runc"))).isInstanceOf(UnavailableException.class);
        assertThat(thrown(new dev.strata.snapshot.SnapshotNotFoundException("remove", "k"))).isInstanceOf(NotFoundException.class);
        assertThat(thrown(new dev.strata.snapshot.SnapshotInUseException("k", java.util.List.of("child")))).isInstanceOf(ConflictException.class);
        assertThat(thrown(new IllegalArgumentException("not JSON"))).isInstanceOf(InvalidInputException.class)
                .hasMessage("not JSON");
    }

    @Test
    void aRegistrysFailureByItsKind() {
        for (RegistryException.Kind kind : RegistryException.Kind.values()) {
            Class<?> expected = switch (kind) {
                case NOT_FOUND -> NotFoundException.class;
                case UNSUPPORTED -> InvalidInputException.class;
                case DIGEST_MISMATCH -> CorruptDataException.class;
                default -> UnavailableException.class;
            };
            RegistryException failure = new RegistryException(kind, "registry said " + kind);
            assertThat(thrown(failure)).as(kind.name()).isInstanceOf(expected).hasMessage("registry said " + kind);
            assertThat(thrown(new UncheckedIOException(failure))).as(kind.name()).isInstanceOf(expected);
        }
    }

    @Test
    void anIoFailureCarryingADomainErrorTakesItsCategoryAndKeepsTheOuterMessage() {
        IOException carrying = new IOException("extract bin/sh: read layer: digest mismatch",
                new dev.strata.error.CorruptDataException("digest mismatch"));
        assertThat(thrown(carrying)).isInstanceOf(CorruptDataException.class)
                .hasMessage("extract bin/sh: read layer: digest mismatch").hasCause(carrying);
    }

    @Test
    void theMachinesFailuresStayIoExceptionsAndBugsStayAsTheyAre() {
        IOException disk = new IOException("No space left on device");
        assertThat(thrown(disk)).isSameAs(disk);
        assertThat(thrown(new UncheckedIOException(disk))).isSameAs(disk);
        IllegalStateException bug = new IllegalStateException("bug");
        assertThat(thrown(bug)).isSameAs(bug);
        assertThatThrownBy(() -> Errors.run(() -> {
            throw new dev.strata.error.NotFoundException("gone");
        })).isInstanceOf(NotFoundException.class);
    }
}
