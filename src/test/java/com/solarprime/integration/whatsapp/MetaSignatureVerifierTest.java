package com.solarprime.integration.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetaSignatureVerifierTest {

    private static final String APP_SECRET = "meta-app-secret";
    private static final byte[] BODY = Fixtures.read("meta/text.json").getBytes(StandardCharsets.UTF_8);

    private final MetaSignatureVerifier verifier = new MetaSignatureVerifier(APP_SECRET);

    @Test
    void theHmacOfTheRawBytesIsAccepted() {
        assertThat(verifier.verify(BODY, signature(APP_SECRET, BODY))).isEqualTo(WebhookAuthResult.accept());
        assertThat(verifier.verify(BODY, signature(APP_SECRET, BODY).toUpperCase().replace("SHA256=", "sha256=")).accepted())
                .isTrue();
    }

    @Test
    void aSignatureWithAnotherSecretIsRefused() {
        assertThat(verifier.verify(BODY, signature("other", BODY))).isEqualTo(WebhookAuthResult.refuse("bad signature"));
    }

    @Test
    void aChangedBodyIsRefused() {
        String signed = signature(APP_SECRET, BODY);
        byte[] reformatted = Fixtures.read("meta/text.json").replace("\n", "").getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(reformatted, signed)).isEqualTo(WebhookAuthResult.refuse("bad signature"));
    }

    @Test
    void aMissingSignatureIsRefused() {
        assertThat(verifier.verify(BODY, null)).isEqualTo(WebhookAuthResult.refuse("missing signature"));
        assertThat(verifier.verify(BODY, "")).isEqualTo(WebhookAuthResult.refuse("missing signature"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "sha1=0123456789abcdef0123456789abcdef01234567",
            "sha256=xyz",
            "sha256=0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    })
    void aMalformedSignatureIsRefused(String header) {
        assertThat(verifier.verify(BODY, header)).isEqualTo(WebhookAuthResult.refuse("malformed signature"));
    }

    @Test
    void withoutAnAppSecretEverythingIsRefused() {
        assertThat(new MetaSignatureVerifier("").verify(BODY, "sha256=" + "0".repeat(64)))
                .isEqualTo(WebhookAuthResult.refuse("app secret not configured"));
    }

    private static String signature(String secret, byte[] body) {
        byte[] mac = WebhookCrypto.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body);
        return "sha256=" + HexFormat.of().formatHex(mac);
    }
}
