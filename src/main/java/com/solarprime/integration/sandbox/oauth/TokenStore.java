package com.solarprime.integration.sandbox.oauth;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Authorization codes and OAuth tokens, by SHA-256 hash. Spending a code or refresh token is one atomic UPDATE. */
@Component
@ConditionalOnSandbox
class TokenStore {

    private final SandboxDatabase db;

    TokenStore(SandboxDatabase db) {
        this.db = db;
    }

    void insertCode(String hash, String clientId, String redirectUri, Instant expiresAt) {
        db.jdbc().sql("INSERT INTO kommo_sandbox.oauth_code (code_hash, client_id, redirect_uri, expires_at)"
                        + " VALUES (:hash, :client, :redirect, :expires)")
                .param("hash", hash).param("client", clientId).param("redirect", redirectUri)
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    /** Marks the code used; empty when it is unknown or was used before. */
    Optional<Grant> spendCode(String hash) {
        return db.jdbc().sql("UPDATE kommo_sandbox.oauth_code SET used_at = now()"
                        + " WHERE code_hash = :hash AND used_at IS NULL RETURNING client_id, redirect_uri, expires_at")
                .param("hash", hash)
                .query((rs, n) -> new Grant(rs.getString("client_id"), rs.getString("redirect_uri"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    boolean codeExists(String hash) {
        return db.jdbc().sql("SELECT count(*) FROM kommo_sandbox.oauth_code WHERE code_hash = :hash")
                .param("hash", hash).query(Long.class).single() > 0;
    }

    void insertToken(String hash, String kind, String clientId, Instant expiresAt) {
        db.jdbc().sql("INSERT INTO kommo_sandbox.oauth_token (token_hash, kind, client_id, expires_at)"
                        + " VALUES (:hash, :kind, :client, :expires)")
                .param("hash", hash).param("kind", kind).param("client", clientId)
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    /** Revokes the refresh token; empty when it is unknown or already spent. */
    Optional<Grant> spendRefreshToken(String hash) {
        return db.jdbc().sql("UPDATE kommo_sandbox.oauth_token SET revoked_at = now()"
                        + " WHERE token_hash = :hash AND kind = 'refresh' AND revoked_at IS NULL"
                        + " RETURNING client_id, expires_at")
                .param("hash", hash)
                .query((rs, n) -> new Grant(rs.getString("client_id"), null, rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    boolean refreshTokenExists(String hash) {
        return db.jdbc().sql("SELECT count(*) FROM kommo_sandbox.oauth_token WHERE token_hash = :hash AND kind = 'refresh'")
                .param("hash", hash).query(Long.class).single() > 0;
    }

    boolean isValidAccessToken(String hash, Instant now) {
        return db.jdbc().sql("SELECT count(*) FROM kommo_sandbox.oauth_token WHERE token_hash = :hash AND kind = 'access'"
                        + " AND revoked_at IS NULL AND expires_at > :now")
                .param("hash", hash).param("now", Timestamp.from(now)).query(Long.class).single() > 0;
    }

    int expireAccessTokens(Instant now) {
        return db.jdbc().sql("UPDATE kommo_sandbox.oauth_token SET expires_at = :now WHERE kind = 'access' AND expires_at > :now")
                .param("now", Timestamp.from(now)).update();
    }

    /** What a code or refresh token was issued for. */
    record Grant(String clientId, String redirectUri, Instant expiresAt) {
    }
}
