package com.solarprime.integration.kommo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call to Kommo as the {@code kommo-api} route takes it.
 *
 * @param method HTTP method
 * @param path path below the base URL, e.g. {@code /api/v4/leads}
 * @param query query parameters (PHP-style keys such as {@code filter[id]} as they are)
 * @param body JSON-serialisable body, or null
 * @param authenticated false only for the OAuth token endpoint
 * @param allPages follow {@code _links.next} and merge the {@code _embedded} lists of every page
 */
public record KommoRequest(String method, String path, Map<String, String> query, Object body,
                           boolean authenticated, boolean allPages) {

    public KommoRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Kommo path must start with '/': " + path);
        }
        query = query == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(query));
    }

    public static KommoRequest get(String path) {
        return new KommoRequest("GET", path, Map.of(), null, true, false);
    }

    public static KommoRequest get(String path, Map<String, String> query) {
        return new KommoRequest("GET", path, query, null, true, false);
    }

    public static KommoRequest getAll(String path, Map<String, String> query) {
        return new KommoRequest("GET", path, query, null, true, true);
    }

    public static KommoRequest post(String path, Object body) {
        return new KommoRequest("POST", path, Map.of(), body, true, false);
    }

    public static KommoRequest patch(String path, Object body) {
        return new KommoRequest("PATCH", path, Map.of(), body, true, false);
    }

    public static KommoRequest delete(String path, Object body) {
        return new KommoRequest("DELETE", path, Map.of(), body, true, false);
    }

    /** The OAuth token endpoint: no bearer token, no refresh on 401. */
    public static KommoRequest tokenGrant(Object body) {
        return new KommoRequest("POST", "/oauth2/access_token", Map.of(), body, false, false);
    }

    /** Path with numeric ids replaced, for metrics that do not explode in cardinality. */
    public String pathTemplate() {
        return path.replaceAll("/\\d+(?=/|$)", "/{id}");
    }
}
