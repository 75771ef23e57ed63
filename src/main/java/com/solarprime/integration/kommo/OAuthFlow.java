package com.solarprime.integration.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The OAuth 2.0 authorization-code flow with Kommo: a random single-use {@code state} per attempt (kept
 * 20 minutes, in the database so the callback may reach any instance), the code exchanged through the
 * Kommo door, the tokens stored before anything uses them.
 */
@Component("oauthFlow")
public class OAuthFlow {

    private static final Logger log = LoggerFactory.getLogger(OAuthFlow.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int STATE_MINUTES = 20;

    private final JdbcClient jdbc;
    private final KommoEndpoints endpoints;
    private final KommoProperties kommo;
    private final KommoTokenStore tokens;
    private final KommoClient client;
    private final OAuthClient oauthClient;

    public OAuthFlow(JdbcClient jdbc, KommoEndpoints endpoints, KommoProperties kommo, KommoTokenStore tokens,
                     KommoClient client, OAuthClient oauthClient) {
        this.jdbc = jdbc;
        this.endpoints = endpoints;
        this.kommo = kommo;
        this.tokens = tokens;
        this.client = client;
        this.oauthClient = oauthClient;
    }

    /** Outcome of the callback, rendered as a small page. */
    public record Outcome(boolean connected, String message) {
    }

    /** Where to send the operator's browser. */
    public String authorizationUrl() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("DELETE FROM oauth_state WHERE created_at < now() - make_interval(mins => ?)").param(STATE_MINUTES * 3).update();
        jdbc.sql("INSERT INTO oauth_state (state) VALUES (?)").param(state).update();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", oauthClient.clientId());
        query.put("state", state);
        query.put("mode", "post_message");
        query.put("redirect_uri", endpoints.redirectUri());
        StringBuilder url = new StringBuilder(endpoints.authorizeUrl()).append('?');
        query.forEach((k, v) -> url.append(k).append('=').append(URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)).append('&'));
        return url.substring(0, url.length() - 1);
    }

    public Outcome callback(String code, String state, String error) {
        Optional<String> refusal = consumeState(state);
        if (refusal.isPresent()) {
            log.warn("OAuth callback refused: {}", refusal.get());
            return new Outcome(false, refusal.get());
        }
        if (StringUtils.hasText(error)) {
            return new Outcome(false, "Kommo did not grant access (" + ("access_denied".equals(error) ? "the user refused" : error) + ")");
        }
        if (!StringUtils.hasText(code)) {
            return new Outcome(false, "the callback carries no authorization code");
        }
        try {
            tokens.exchangeCode(code);
        } catch (KommoException e) {
            log.warn("OAuth code exchange failed: {}", e.getMessage());
            return new Outcome(false, "Kommo refused the authorization code (" + e.status() + ")");
        }
        String account = rememberAccount();
        log.info("Kommo account {} connected", account);
        return new Outcome(true, "Kommo account " + account + " connected");
    }

    /** What {@code /auth/status} reports. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("mode", kommo.effectiveMode().name().toLowerCase());
        if (tokens.isLongLived()) {
            status.put("authenticated", true);
            status.put("tokenType", "long_lived");
            status.put("expiresAt", null);
            status.put("account", kommo.subdomain());
            return status;
        }
        Optional<KommoToken> token = tokens.stored();
        status.put("authenticated", token.isPresent());
        status.put("tokenType", "oauth");
        status.put("expiresAt", token.map(t -> t.expiresAt().toString()).orElse(null));
        status.put("account", tokens.account().orElse(null));
        return status;
    }

    private Optional<String> consumeState(String state) {
        if (!StringUtils.hasText(state)) {
            return Optional.of("the callback carries no state");
        }
        int consumed = jdbc.sql("""
                        UPDATE oauth_state SET used_at = now()
                        WHERE state = :state AND used_at IS NULL AND created_at > now() - make_interval(mins => :minutes)""")
                .param("state", state).param("minutes", STATE_MINUTES).update();
        if (consumed == 1) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("SELECT used_at IS NOT NULL FROM oauth_state WHERE state = ?").param(state)
                .query(Boolean.class).optional()
                .map(used -> used ? "this state was already used: start again from /auth/kommo"
                        : "this state has expired (20 minutes): start again from /auth/kommo")
                .orElse("state mismatch: this callback was not started by this service"));
    }

    private String rememberAccount() {
        JsonNode account = client.call(KommoRequest.get("/api/v4/account"));
        String subdomain = account == null ? null : account.path("subdomain").asText(null);
        tokens.rememberAccount(subdomain);
        return subdomain;
    }
}
