package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The router without a server: routes, the bound on open streams, and errors as Docker's JSON. */
class RouterTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void streamsBeyondTheBoundAre503sAndAPermitComesBackWhenAStreamEnds() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Router router = new Router(2, new PrintStream(log, true)).stream("GET", "/events", call -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            call.text(200, "done");
        });
        Thread first = Thread.ofVirtual().start(() -> router.dispatch(new FakeExchange("GET", "/events")));
        Thread second = Thread.ofVirtual().start(() -> router.dispatch(new FakeExchange("GET", "/v1.50/events")));
        entered.await();
        assertThat(router.streamsOpen()).isEqualTo(2);

        FakeExchange third = new FakeExchange("GET", "/events");
        router.dispatch(third);
        assertThat(third.status()).isEqualTo(503);
        assertThat(third.answered()).isEqualTo("{\"message\":\"too many streams open at once (attach, exec, logs, events,"
                + " wait); try again when some have ended\"}\n");

        release.countDown();
        first.join();
        second.join();
        assertThat(router.streamsOpen()).isZero();
        FakeExchange fourth = new FakeExchange("GET", "/events");
        router.dispatch(fourth);
        assertThat(fourth.status()).isEqualTo(200);
        assertThat(router.streamsOpen()).isZero();
    }

    @Test
    void aFailingStreamGivesItsPermitBack() {
        Router router = new Router(1, new PrintStream(log, true)).stream("GET", "/events", call -> {
            throw new dev.strata.error.NotFoundException("nothing here");
        });
        for (int i = 0; i < 3; i++) {
            FakeExchange exchange = new FakeExchange("GET", "/events");
            router.dispatch(exchange);
            assertThat(exchange.status()).isEqualTo(404);
            assertThat(exchange.answered()).isEqualTo("{\"message\":\"nothing here\"}\n");
        }
        assertThat(router.streamsOpen()).isZero();
    }

    @Test
    void unexpectedFailuresAre500sWithoutAStackAndLoggedWithOne() {
        Router router = new Router(1, new PrintStream(log, true)).get("/boom", call -> {
            throw new IllegalStateException("a bug");
        });
        FakeExchange exchange = new FakeExchange("GET", "/boom");
        router.dispatch(exchange);
        assertThat(exchange.status()).isEqualTo(500);
        assertThat(exchange.answered()).isEqualTo("{\"message\":\"a bug\"}\n");
        assertThat(log.toString()).contains("GET /boom: unexpected failure").contains("IllegalStateException");
    }
}
