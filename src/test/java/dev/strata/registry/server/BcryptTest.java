package dev.strata.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** bcrypt against hashes Apache's {@code htpasswd -B} made (apache2-utils 2.4), and its edge cases. */
class BcryptTest {
    @Test
    void blowfishConstantsArePisDigits() {
        assertThat(Bcrypt.firstPiWord()).isEqualTo(0x243f6a88);
    }

    @Test
    void hashesMadeByHtpasswdCheck() {
        assertThat(Bcrypt.check("p4ss word", "$2y$04$/uNUzrTH71fbydQ6cqjUx.g/906B2sYN0dNCrm.l1qqtNQEwPTf1y")).isTrue();
        assertThat(Bcrypt.check("p4ss word!", "$2y$04$/uNUzrTH71fbydQ6cqjUx.g/906B2sYN0dNCrm.l1qqtNQEwPTf1y")).isFalse();
        assertThat(Bcrypt.check("", "$2y$04$Fix7bhxf1H7BgerCUasIBehsBvSaW3khdshItO1IeqvIU.6TOP6Tu")).isTrue();
        String eighty = "x".repeat(80);
        assertThat(Bcrypt.check(eighty, "$2y$05$AzT5xTYh7FHOqUej0fEx9uIpAGFJ4C3thPLhYDTOzoqPvNZXHhxiq")).isTrue();
        assertThat(Bcrypt.check("x".repeat(72) + "different tail",
                "$2y$05$AzT5xTYh7FHOqUej0fEx9uIpAGFJ4C3thPLhYDTOzoqPvNZXHhxiq")).as("bcrypt reads 72 bytes").isTrue();
    }

    @Test
    void whatIsNotABcryptHashNeverMatches() {
        assertThat(Bcrypt.check("x", "")).isFalse();
        assertThat(Bcrypt.check("x", "{SHA}abc")).isFalse();
        assertThat(Bcrypt.check("x", "$2y$99$/uNUzrTH71fbydQ6cqjUx.g/906B2sYN0dNCrm.l1qqtNQEwPTf1y")).isFalse();
        assertThat(Bcrypt.check("x", "$2y$04$!!!!!!!!!!!!!!!!!!!!!!g/906B2sYN0dNCrm.l1qqtNQEwPTf1y")).isFalse();
    }

    @Test
    void theEncodingRoundTrips() {
        byte[] salt = "sixteen byte sal".getBytes(StandardCharsets.US_ASCII);
        assertThat(Bcrypt.decode(Bcrypt.encode(salt, 16), 16)).isEqualTo(salt);
        String hash = Bcrypt.hash("secret", salt, 4, "$2b");
        assertThat(hash).hasSize(60).startsWith("$2b$04$");
        assertThat(Bcrypt.check("secret", hash)).isTrue();
    }
}
