package com.solarprime.integration.kommo;

import java.time.Instant;

/**
 * The credentials in force.
 *
 * @param accessToken bearer token
 * @param refreshToken OAuth refresh token, null for a long-lived token
 * @param expiresAt when the access token lapses, null when unknown (long-lived)
 * @param refreshedAt when this pair was obtained
 */
public record KommoToken(String accessToken, String refreshToken, Instant expiresAt, Instant refreshedAt) {

    boolean expiresWithin(java.time.Duration margin, Instant now) {
        return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "KommoToken[expiresAt=" + expiresAt + ", refreshedAt=" + refreshedAt + "]";
    }
}
