package com.solarprime.integration.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.support.Http;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A well-behaved Kommo client for the contract tests: real HTTP, a bearer token, and its own throttle
 * below the sandbox's 7 requests per second so that only tests about the limit ever meet it.
 */
final class SandboxApi {

    static final String ROOT = "/sandbox/kommo";
    static final String API = ROOT + "/api/v4";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LONG_LIVED_TOKEN = "test-sandbox-token";
    private static final int THROTTLE_PER_SECOND = 6;

    private final Http http;
    private final String token;
    private final Deque<Long> sent = new ArrayDeque<>();
    private final boolean throttled;

    private SandboxApi(Http http, String token, boolean throttled) {
        this.http = http;
        this.token = token;
        this.throttled = throttled;
    }

    /** A client with a token of its own (fresh OAuth grant), so its rate window is not shared with other tests. */
    static SandboxApi withFreshToken(Http http) {
        return new SandboxApi(http, OAuthFlow.tokens(http).get("access_token").asText(), true);
    }

    static SandboxApi withToken(Http http, String token) {
        return new SandboxApi(http, token, true);
    }

    /** No client-side throttle: for the tests that must hit the limit. */
    static SandboxApi unthrottled(Http http, String token) {
        return new SandboxApi(http, token, false);
    }

    HttpResponse<String> get(String path) {
        return send(builder(path).GET());
    }

    HttpResponse<String> getUrl(String absoluteUrl) {
        return send(HttpRequest.newBuilder(URI.create(absoluteUrl)).timeout(Duration.ofSeconds(30)).GET());
    }

    HttpResponse<String> post(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").POST(publisher(body)));
    }

    HttpResponse<String> patch(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").method("PATCH", publisher(body)));
    }

    HttpResponse<String> delete(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").method("DELETE", publisher(body)));
    }

    /** The body of a 2xx answer as JSON; fails the test with the answer when it is not 2xx. */
    static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("Expected 2xx, got " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("Not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code a=1&b=2} → map, decoding PHP-style keys literally ({@code leads[status][0][id]}). */
    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private HttpRequest.Builder builder(String path) {
        return http.request(path.startsWith("/") ? path : API + "/" + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        throttle();
        return http.send(builder.build());
    }

    private HttpRequest.BodyPublisher publisher(Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return HttpRequest.BodyPublishers.ofString(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void throttle() {
        if (!throttled) {
            return;
        }
        synchronized (sent) {
            long now = System.nanoTime();
            while (!sent.isEmpty() && now - sent.peekFirst() > 1_100_000_000L) {
                sent.pollFirst();
            }
            if (sent.size() >= THROTTLE_PER_SECOND) {
                long waitNanos = 1_100_000_000L - (now - sent.peekFirst());
                try {
                    Thread.sleep(Math.max(1, waitNanos / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sent.pollFirst();
            }
            sent.addLast(System.nanoTime());
        }
    }
}
