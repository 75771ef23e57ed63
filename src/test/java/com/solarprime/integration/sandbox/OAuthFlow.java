package com.solarprime.integration.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.support.Http;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The OAuth code flow against the sandbox, as the service's connect button runs it. */
final class OAuthFlow {

    static final String CLIENT_ID = "sandbox";
    static final String CLIENT_SECRET = "test-sandbox-secret";
    static final String REDIRECT = "http://localhost/kommo/callback";

    private OAuthFlow() {
    }

    static HttpResponse<String> authorize(Http http, String state) {
        return http.get(SandboxApi.ROOT + "/oauth?client_id=" + CLIENT_ID + "&state=" + state + "&mode=post_message"
                + "&redirect_uri=" + SandboxApi.encode(REDIRECT));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String code(Http http) {
        HttpResponse<String> redirect = authorize(http, "s" + System.nanoTime());
        return query(URI.create(redirect.headers().firstValue("Location").orElseThrow())).get("code");
    }

    static HttpResponse<String> exchange(Http http, String code) {
        return token(http, "{\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"" + CLIENT_SECRET
                + "\",\"grant_type\":\"authorization_code\",\"code\":\"" + code + "\",\"redirect_uri\":\"" + REDIRECT + "\"}");
    }

    static HttpResponse<String> refresh(Http http, String refreshToken) {
        return token(http, "{\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"" + CLIENT_SECRET
                + "\",\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refreshToken + "\",\"redirect_uri\":\""
                + REDIRECT + "\"}");
    }

    static HttpResponse<String> token(Http http, String json) {
        return http.post(SandboxApi.ROOT + "/oauth2/access_token", "application/json", json);
    }

    /** A fresh token pair through the whole code flow. */
    static JsonNode tokens(Http http) {
        return SandboxApi.ok(exchange(http, code(http)));
    }
}
