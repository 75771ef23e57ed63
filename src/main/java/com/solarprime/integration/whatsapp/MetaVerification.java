package com.solarprime.integration.whatsapp;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Meta's subscription handshake: {@code GET ?hub.mode=subscribe&hub.verify_token=..&hub.challenge=..}
 * is answered 200 with the challenge as the body when the token matches, else 403.
 */
@Component
public class MetaVerification {

    private static final String SUBSCRIBE = "subscribe";

    private final byte[] verifyToken;

    @Autowired
    public MetaVerification(WhatsAppProperties properties) {
        this(properties.meta() == null ? null : properties.meta().verifyToken());
    }

    public MetaVerification(String verifyToken) {
        this.verifyToken = verifyToken == null || verifyToken.isBlank()
                ? null : verifyToken.getBytes(StandardCharsets.UTF_8);
    }

    /** The body to answer with, or empty when the request must be refused with 403. */
    public Optional<String> challengeResponse(String mode, String token, String challenge) {
        if (verifyToken == null || !SUBSCRIBE.equals(mode) || token == null
                || challenge == null || challenge.isEmpty()) {
            return Optional.empty();
        }
        return WebhookCrypto.constantTimeEquals(token.getBytes(StandardCharsets.UTF_8), verifyToken)
                ? Optional.of(challenge)
                : Optional.empty();
    }
}
