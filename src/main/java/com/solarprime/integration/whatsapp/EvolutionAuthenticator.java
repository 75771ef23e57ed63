package com.solarprime.integration.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Evolution signs nothing, so a delivery is trusted when it carries either the shared secret in
 * {@code X-Webhook-Secret} or, when the webhook was set up with a {@code jwt_key}, an
 * {@code Authorization: Bearer} HS256 JWT signed with that same secret and still within its lifetime
 * (Evolution issues them for 600 s).
 */
@Component
public class EvolutionAuthenticator {

    /** Tolerated difference between Evolution's clock and ours. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "bearer ";

    private final byte[] secret;
    private final Duration clockSkew;
    private final Clock clock;

    @Autowired
    public EvolutionAuthenticator(WhatsAppProperties properties, ObjectProvider<Clock> clock) {
        this(properties.evolution() == null ? null : properties.evolution().webhookSecret(),
                DEFAULT_CLOCK_SKEW, clock.getIfAvailable(Clock::systemUTC));
    }

    public EvolutionAuthenticator(String secret, Duration clockSkew, Clock clock) {
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /**
     * @param webhookSecretHeader value of {@code X-Webhook-Secret}, or null
     * @param authorizationHeader value of {@code Authorization}, or null
     */
    public WebhookAuthResult authenticate(String webhookSecretHeader, String authorizationHeader) {
        if (secret == null) {
            // Without a configured secret anything presented would match an empty one: refuse all.
            return WebhookAuthResult.refuse("webhook secret not configured");
        }
        boolean hasSecret = webhookSecretHeader != null && !webhookSecretHeader.isEmpty();
        boolean hasAuthorization = authorizationHeader != null && !authorizationHeader.isBlank();
        if (!hasSecret && !hasAuthorization) {
            return WebhookAuthResult.refuse("missing credentials");
        }
        if (hasSecret && WebhookCrypto.constantTimeEquals(webhookSecretHeader.getBytes(StandardCharsets.UTF_8), secret)) {
            return WebhookAuthResult.accept();
        }
        if (!hasAuthorization) {
            return WebhookAuthResult.refuse("bad secret");
        }
        if (!authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return WebhookAuthResult.refuse("unsupported authorization scheme");
        }
        return verifyJwt(authorizationHeader.substring(BEARER.length()).strip());
    }

    private WebhookAuthResult verifyJwt(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return WebhookAuthResult.refuse("malformed token");
        }
        JsonNode header;
        byte[] signature;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IOException | IllegalArgumentException e) {
            return WebhookAuthResult.refuse("malformed token");
        }
        // Only HS256: accepting the token's own choice would let "none" or a weaker algorithm through.
        if (header == null || !"HS256".equals(header.path("alg").asText(null))) {
            return WebhookAuthResult.refuse("unsupported token algorithm");
        }
        byte[] signedPart = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(WebhookCrypto.hmacSha256(secret, signedPart), signature)) {
            return WebhookAuthResult.refuse("bad signature");
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return WebhookAuthResult.refuse("malformed token");
        }
        if (claims == null || !claims.path("exp").isNumber()) {
            return WebhookAuthResult.refuse("malformed token: no exp");
        }
        Instant now = clock.instant();
        if (!Instant.ofEpochSecond(claims.path("exp").asLong()).plus(clockSkew).isAfter(now)) {
            return WebhookAuthResult.refuse("expired token");
        }
        JsonNode issuedAt = claims.path("iat");
        if (!issuedAt.isMissingNode() && !issuedAt.isNumber()) {
            return WebhookAuthResult.refuse("malformed token: bad iat");
        }
        if (issuedAt.isNumber() && Instant.ofEpochSecond(issuedAt.asLong()).minus(clockSkew).isAfter(now)) {
            return WebhookAuthResult.refuse("token issued in the future");
        }
        return WebhookAuthResult.accept();
    }
}
