package com.solarprime.integration.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Small real-HTTP client for tests: what a caller on the network would send. */
public final class Http {

    public static final String API_KEY = "test-api-key";
    public static final String ADMIN_AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8));
    /** A state-changing admin request without this header (or a same-origin Origin) is refused as cross-site. */
    public static final String REQUESTED_BY = "X-Requested-By";
    /** Headers of an admin's script: basic auth, and the header no browser sends cross-site. */
    public static final String[] ADMIN_HEADERS = {"Authorization", ADMIN_AUTH, REQUESTED_BY, "tests"};

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = request(path).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP call failed: " + request.uri(), e);
        }
    }
}
