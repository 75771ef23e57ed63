package com.solarprime.integration.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvolutionAuthenticatorTest {

    private static final String SECRET = "evolution-shared-secret";
    private static final Instant NOW = Instant.parse("2025-11-29T08:00:00Z");
    private static final long NOW_S = NOW.getEpochSecond();

    private final EvolutionAuthenticator authenticator =
            new EvolutionAuthenticator(SECRET, Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theSharedSecretHeaderIsEnough() {
        assertThat(authenticator.authenticate(SECRET, null)).isEqualTo(WebhookAuthResult.accept());
    }

    @Test
    void aWrongSharedSecretIsRefused() {
        assertThat(authenticator.authenticate("guess", null)).isEqualTo(WebhookAuthResult.refuse("bad secret"));
    }

    @Test
    void nothingPresentedIsRefused() {
        assertThat(authenticator.authenticate(null, null)).isEqualTo(WebhookAuthResult.refuse("missing credentials"));
        assertThat(authenticator.authenticate("", " ")).isEqualTo(WebhookAuthResult.refuse("missing credentials"));
    }

    @Test
    void evolutionsJwtIsAccepted() {
        String token = jwt(SECRET, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"iat\":" + (NOW_S - 5) + ",\"exp\":" + (NOW_S + 595) + ",\"app\":\"evolution\",\"action\":\"webhook\"}");

        assertThat(authenticator.authenticate(null, "Bearer " + token)).isEqualTo(WebhookAuthResult.accept());
    }

    @Test
    void aValidJwtWinsOverAWrongSecretHeader() {
        String token = jwt(SECRET, "{\"alg\":\"HS256\"}", "{\"exp\":" + (NOW_S + 600) + "}");

        assertThat(authenticator.authenticate("stale", "bearer " + token).accepted()).isTrue();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            // exp offset | iat offset | reason
            "-31  | -631 | expired token",
            "-600 | -1200 | expired token",
            "-29  | -629 | ",                          // inside the 30 s skew
            "600  | 31   | token issued in the future",
            "600  | 29   | "
    })
    void lifetimeIsCheckedWithClockSkew(long expOffset, long iatOffset, String reason) {
        String token = jwt(SECRET, "{\"alg\":\"HS256\"}",
                "{\"iat\":" + (NOW_S + iatOffset) + ",\"exp\":" + (NOW_S + expOffset) + "}");

        WebhookAuthResult result = authenticator.authenticate(null, "Bearer " + token);

        assertThat(result).isEqualTo(reason == null ? WebhookAuthResult.accept() : WebhookAuthResult.refuse(reason));
    }

    @Test
    void aJwtSignedWithAnotherKeyIsRefused() {
        String token = jwt("another-secret", "{\"alg\":\"HS256\"}", "{\"exp\":" + (NOW_S + 600) + "}");

        assertThat(authenticator.authenticate(null, "Bearer " + token)).isEqualTo(WebhookAuthResult.refuse("bad signature"));
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String token = jwt(SECRET, "{\"alg\":\"HS256\"}", "{\"exp\":" + (NOW_S + 600) + "}");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + base64("{\"exp\":" + (NOW_S + 99999) + "}") + "." + parts[2];

        assertThat(authenticator.authenticate(null, "Bearer " + forged)).isEqualTo(WebhookAuthResult.refuse("bad signature"));
    }

    @Test
    void unsignedTokensAreRefused() {
        String none = base64("{\"alg\":\"none\"}") + "." + base64("{\"exp\":" + (NOW_S + 600) + "}") + ".";

        assertThat(authenticator.authenticate(null, "Bearer " + none))
                .isEqualTo(WebhookAuthResult.refuse("unsupported token algorithm"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Bearer abc                 | malformed token",
            "Bearer a.b                 | malformed token",
            "Bearer a.b.c.d             | malformed token",
            "Bearer !!!.e30.abc         | malformed token",
            "Basic dXNlcjpwYXNz         | unsupported authorization scheme"
    })
    void malformedAuthorizationIsRefused(String header, String reason) {
        assertThat(authenticator.authenticate(null, header)).isEqualTo(WebhookAuthResult.refuse(reason));
    }

    @Test
    void aSignedTokenWithoutExpiryIsRefused() {
        String token = jwt(SECRET, "{\"alg\":\"HS256\"}", "{\"iat\":" + NOW_S + "}");

        assertThat(authenticator.authenticate(null, "Bearer " + token))
                .isEqualTo(WebhookAuthResult.refuse("malformed token: no exp"));
    }

    @Test
    void withoutAConfiguredSecretEverythingIsRefused() {
        EvolutionAuthenticator unconfigured = new EvolutionAuthenticator(" ", Duration.ZERO, Clock.systemUTC());

        assertThat(unconfigured.authenticate("", null)).isEqualTo(WebhookAuthResult.refuse("webhook secret not configured"));
        assertThat(unconfigured.authenticate(" ", null).accepted()).isFalse();
    }

    static String jwt(String secret, String header, String claims) {
        String signedPart = base64(header) + "." + base64(claims);
        byte[] signature = WebhookCrypto.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                signedPart.getBytes(StandardCharsets.US_ASCII));
        return signedPart + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
