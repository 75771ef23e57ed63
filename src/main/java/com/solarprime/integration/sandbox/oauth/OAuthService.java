package com.solarprime.integration.sandbox.oauth;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.store.UserStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Kommo's OAuth 2.0 server as the integration sees it: single-use codes living 20 minutes, access
 * tokens living a day, refresh tokens living three months and rotating on every use; a spent refresh
 * token answers 401 "Token has been revoked".
 */
@Component
@ConditionalOnSandbox
public class OAuthService {

    private final SandboxProperties props;
    private final SandboxDatabase db;
    private final TokenStore store;
    private final UserStore users;
    private final LongLivedToken longLived;
    private final AtomicBoolean denyNext = new AtomicBoolean();

    public OAuthService(SandboxProperties props, SandboxDatabase db, TokenStore store, UserStore users,
                        LongLivedToken longLived) {
        this.props = props;
        this.db = db;
        this.store = store;
        this.users = users;
        this.longLived = longLived;
    }

    public boolean isKnownClient(String clientId) {
        return Secrets.same(props.clientId(), clientId);
    }

    /** The redirect URI to use: the one registered for the integration wins; else the caller's. */
    public Optional<String> redirectUri(String requested) {
        if (StringUtils.hasText(props.redirectUri())) {
            boolean matches = !StringUtils.hasText(requested)
                    || stripSlash(requested).equals(stripSlash(props.redirectUri()));
            return matches ? Optional.of(props.redirectUri()) : Optional.empty();
        }
        return StringUtils.hasText(requested) ? Optional.of(requested) : Optional.empty();
    }

    /** Makes the next authorization answer {@code error=access_denied}, as when the user refuses. */
    public void denyNextAuthorization() {
        denyNext.set(true);
    }

    /** Empty when the user "refused" (see {@link #denyNextAuthorization()}). */
    public Optional<String> authorize(String clientId, String redirectUri) {
        if (denyNext.getAndSet(false)) {
            return Optional.empty();
        }
        String code = "def50200" + Secrets.randomHex(96);
        store.insertCode(Secrets.sha256(code), clientId, redirectUri, Instant.now().plus(props.codeTtl()));
        return Optional.of(code);
    }

    public TokenPair exchangeCode(String clientId, String clientSecret, String code, String redirectUri) {
        authenticateClient(clientId, clientSecret);
        if (!StringUtils.hasText(code)) {
            throw OAuthException.invalidRequest("Check the `code` parameter");
        }
        return db.inTransaction(() -> {
            String hash = Secrets.sha256(code);
            TokenStore.Grant grant = store.spendCode(hash).orElseThrow(() -> store.codeExists(hash)
                    ? OAuthException.invalidGrant("Authorization code has been revoked")
                    : OAuthException.invalidRequest("Cannot decrypt the authorization code"));
            if (!grant.clientId().equals(clientId)) {
                throw OAuthException.invalidRequest("Authorization code was not issued to this client");
            }
            if (grant.expiresAt().isBefore(Instant.now())) {
                throw OAuthException.invalidRequest("Authorization code has expired");
            }
            if (StringUtils.hasText(redirectUri) && grant.redirectUri() != null
                    && !stripSlash(redirectUri).equals(stripSlash(grant.redirectUri()))) {
                throw OAuthException.invalidClient();
            }
            return issue(clientId);
        });
    }

    public TokenPair refresh(String clientId, String clientSecret, String refreshToken) {
        authenticateClient(clientId, clientSecret);
        if (!StringUtils.hasText(refreshToken)) {
            throw OAuthException.invalidRequest("Check the `refresh_token` parameter");
        }
        return db.inTransaction(() -> {
            String hash = Secrets.sha256(refreshToken);
            TokenStore.Grant grant = store.spendRefreshToken(hash).orElseThrow(() -> store.refreshTokenExists(hash)
                    ? OAuthException.invalidRefreshToken("Token has been revoked")
                    : OAuthException.invalidRefreshToken("Cannot decrypt the refresh token"));
            if (!grant.clientId().equals(clientId)) {
                throw OAuthException.invalidRefreshToken("Token is not linked to client");
            }
            if (grant.expiresAt().isBefore(Instant.now())) {
                throw OAuthException.invalidRefreshToken("Token has expired");
            }
            return issue(clientId);
        });
    }

    /** The caller's rate-limit key (the token's hash) when the bearer token is valid. */
    public Optional<String> authenticate(String bearer) {
        if (!StringUtils.hasText(bearer)) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(bearer.trim());
        if (longLived.matches(hash) || store.isValidAccessToken(hash, Instant.now())) {
            return Optional.of(hash);
        }
        return Optional.empty();
    }

    /** Ends every access token now, so callers must refresh (tests of the refresh-on-401 path). */
    public int expireAccessTokens() {
        return store.expireAccessTokens(Instant.now());
    }

    private TokenPair issue(String clientId) {
        Instant now = Instant.now();
        Instant accessExpires = now.plus(props.accessTokenTtl());
        String access = JwtTokens.issue(clientId, props.account().id(), users.owner().id(), accessExpires);
        String refresh = "def50200" + Secrets.randomHex(160);
        store.insertToken(Secrets.sha256(access), "access", clientId, accessExpires);
        store.insertToken(Secrets.sha256(refresh), "refresh", clientId, now.plus(props.refreshTokenTtl()));
        return new TokenPair(access, refresh, props.accessTokenTtl().toSeconds(), now.getEpochSecond());
    }

    private void authenticateClient(String clientId, String clientSecret) {
        // A blank secret would match a blank one sent: refuse rather than admit anyone.
        if (!isKnownClient(clientId) || !StringUtils.hasText(props.clientSecret())
                || !Secrets.same(props.clientSecret(), clientSecret)) {
            throw OAuthException.invalidClient();
        }
    }

    private static String stripSlash(String uri) {
        return uri.replaceAll("/+$", "");
    }

    /** What the token endpoint returns. */
    public record TokenPair(String accessToken, String refreshToken, long expiresIn, long serverTime) {
    }
}
