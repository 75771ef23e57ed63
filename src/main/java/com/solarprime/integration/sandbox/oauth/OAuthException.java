package com.solarprime.integration.sandbox.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.SandboxJson;

/**
 * A refused token request, answered the way Kommo's OAuth server does: problem JSON with a
 * {@code hint} ({@code "Token has been revoked"}, {@code "Client authentication failed"}, ...).
 */
class OAuthException extends RuntimeException {

    private final int status;
    private final String hint;

    OAuthException(int status, String hint, String detail) {
        super(detail);
        this.status = status;
        this.hint = hint;
    }

    static OAuthException invalidRequest(String hint) {
        return new OAuthException(400, hint, "The request is missing a required parameter, includes an invalid"
                + " parameter value, includes a parameter more than once, or is otherwise malformed.");
    }

    static OAuthException invalidGrant(String hint) {
        return new OAuthException(400, hint, "The provided authorization grant (e.g., authorization code, resource owner"
                + " credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used"
                + " in the authorization request, or was issued to another client.");
    }

    static OAuthException invalidRefreshToken(String hint) {
        return new OAuthException(401, hint, "The refresh token is invalid.");
    }

    static OAuthException invalidClient() {
        return new OAuthException(401, "Client authentication failed", "Client authentication failed");
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return SandboxJson.object()
                .put("hint", hint)
                .put("title", status == 401 ? "Unauthorized" : "Invalid request")
                .put("type", "https://developers.kommo.com/v3/errors/OAuthProblemJson")
                .put("status", status)
                .put("detail", getMessage());
    }
}
