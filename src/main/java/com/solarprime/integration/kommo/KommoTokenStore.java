package com.solarprime.integration.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Kommo credentials: a long-lived token from configuration, or an OAuth pair kept encrypted in
 * {@code kommo_token}. Kommo rotates the refresh token on every refresh and revokes the old one, so a
 * refresh runs under the {@link TokenGrantLease} (one holder across instances, the others wait for its
 * result) and the new pair is committed before anybody uses it. No transaction is open during the grant.
 */
@Component
public class KommoTokenStore {

    private static final Logger log = LoggerFactory.getLogger(KommoTokenStore.class);

    private final JdbcClient jdbc;
    private final TokenGrantLease lease;
    private final TokenCipher cipher;
    private final KommoProperties kommo;
    private final OAuthClient oauthClient;
    private final KommoGatewayProperties gateway;
    private final KommoEndpoints endpoints;
    private final ObjectProvider<KommoClient> client;
    private final Clock clock;
    private volatile KommoToken cached;

    public KommoTokenStore(JdbcClient jdbc, TokenGrantLease lease, TokenCipher cipher, KommoProperties kommo,
                           OAuthClient oauthClient, KommoGatewayProperties gateway, KommoEndpoints endpoints,
                           ObjectProvider<KommoClient> client, Clock clock) {
        this.jdbc = jdbc;
        this.lease = lease;
        this.cipher = cipher;
        this.kommo = kommo;
        this.oauthClient = oauthClient;
        this.gateway = gateway;
        this.endpoints = endpoints;
        this.client = client;
        this.clock = clock;
    }

    public boolean isLongLived() {
        return kommo.usesLongLivedToken();
    }

    /** The token for the next call, refreshed first when it is about to lapse. */
    public String accessToken() {
        if (isLongLived()) {
            return kommo.longLivedToken();
        }
        KommoToken token = cached != null ? cached : stored().orElseThrow(() ->
                KommoException.unauthorized("no Kommo authorization yet: an operator must connect the account at /auth/kommo"));
        cached = token;
        if (token.expiresWithin(gateway.tokenRefreshMargin(), clock.instant())) {
            token = refresh(token.accessToken());
        }
        return token.accessToken();
    }

    /**
     * Replaces the pair that produced {@code staleAccessToken}. When another thread or instance already
     * did, or is doing it, its result is used instead: exactly one refresh per stale token.
     */
    public KommoToken refresh(String staleAccessToken) {
        Optional<TokenGrantLease.Held> held = lease.take(() -> !current().accessToken().equals(staleAccessToken));
        if (held.isEmpty()) {
            return remember(current());
        }
        try (TokenGrantLease.Held ours = held.get()) {
            // Another holder may have stored a new pair between our last look and our taking the lease.
            KommoToken current = current();
            if (!current.accessToken().equals(staleAccessToken)) {
                return remember(current);
            }
            Map<String, Object> grant = grant("refresh_token");
            grant.put("refresh_token", current.refreshToken());
            return remember(grantAndStore(ours, grant));
        }
    }

    /** The scheduled check: refresh when close to expiry, or when the pair is old enough that an idle account could lapse. */
    public boolean refreshIfDue() {
        if (isLongLived()) {
            return false;
        }
        Optional<KommoToken> token = stored();
        if (token.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        boolean due = token.get().expiresWithin(gateway.tokenRefreshMargin(), now)
                || token.get().refreshedAt().plus(gateway.tokenMaxAge()).isBefore(now);
        if (due) {
            refresh(token.get().accessToken());
            log.info("Kommo token refreshed by the scheduled check");
        }
        return due;
    }

    /**
     * Completes the OAuth code flow: the code is exchanged and the pair stored before it is used. Under the
     * lease too, so that a refresh in flight cannot store its pair over this one afterwards.
     */
    public KommoToken exchangeCode(String code) {
        try (TokenGrantLease.Held ours = lease.take(() -> false).orElseThrow()) {
            Map<String, Object> grant = grant("authorization_code");
            grant.put("code", code);
            return remember(grantAndStore(ours, grant));
        }
    }

    public Optional<KommoToken> stored() {
        return jdbc.sql("SELECT access_token_enc, refresh_token_enc, expires_at, refreshed_at FROM kommo_token WHERE id = 1")
                .query((rs, n) -> new KommoToken(
                        cipher.decrypt(rs.getString(1)),
                        rs.getString(2) == null ? null : cipher.decrypt(rs.getString(2)),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }

    public void rememberAccount(String subdomain) {
        jdbc.sql("UPDATE kommo_token SET account_subdomain = ? WHERE id = 1").param(subdomain).update();
    }

    public Optional<String> account() {
        return jdbc.sql("SELECT account_subdomain FROM kommo_token WHERE id = 1").query(String.class).optional();
    }

    private KommoToken current() {
        return stored().orElseThrow(() -> KommoException.unauthorized("no stored Kommo token"));
    }

    private KommoToken remember(KommoToken token) {
        cached = token;
        return token;
    }

    /** The grant goes out with no transaction open; its answer is stored as the lease is given back. */
    private KommoToken grantAndStore(TokenGrantLease.Held ours, Map<String, Object> grant) {
        JsonNode response = client.getObject().call(KommoRequest.tokenGrant(grant));
        return ours.releaseWith(() -> save(response));
    }

    private Map<String, Object> grant(String type) {
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("client_id", oauthClient.clientId());
        grant.put("client_secret", oauthClient.clientSecret());
        grant.put("grant_type", type);
        grant.put("redirect_uri", endpoints.redirectUri());
        return grant;
    }

    private KommoToken save(JsonNode response) {
        if (response == null || !response.hasNonNull("access_token") || !response.hasNonNull("refresh_token")) {
            throw KommoException.unauthorized("token endpoint answered without a token pair");
        }
        Instant now = clock.instant();
        KommoToken token = new KommoToken(response.get("access_token").asText(), response.get("refresh_token").asText(),
                now.plusSeconds(response.path("expires_in").asLong(86400)), now);
        jdbc.sql("""
                        INSERT INTO kommo_token (id, kind, access_token_enc, refresh_token_enc, expires_at, refreshed_at)
                        VALUES (1, 'oauth', :access, :refresh, :expires, :refreshed)
                        ON CONFLICT (id) DO UPDATE SET kind = 'oauth', access_token_enc = :access,
                            refresh_token_enc = :refresh, expires_at = :expires, refreshed_at = :refreshed""")
                .param("access", cipher.encrypt(token.accessToken()))
                .param("refresh", cipher.encrypt(token.refreshToken()))
                .param("expires", Timestamp.from(token.expiresAt()))
                .param("refreshed", Timestamp.from(now))
                .update();
        return token;
    }
}
