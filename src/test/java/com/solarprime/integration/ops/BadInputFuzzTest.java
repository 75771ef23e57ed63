package com.solarprime.integration.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.MalformedBodies;
import com.solarprime.integration.support.WhatsAppFixtures;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Garbage against every endpoint a client posts to, with valid credentials and every content type: the fixed malformed
 * cases and a few generated ones per endpoint and content type. Each is answered 4xx with a short JSON reason, never
 * 5xx, and nothing is stored. A smoke test: the chaos suite's fuzz ({@code ChaosIT#fuzz}) covers every endpoint the
 * built service lists, at 20,000 bodies with {@code -Pchaos}.
 */
@IntegrationTest
@TestPropertySource(properties = "solarprime.kommo.webhook-secret=automation-secret")
class BadInputFuzzTest {

    static final int BODIES = 60;
    static final List<String> CONTENT_TYPES = List.of("application/json", "application/x-www-form-urlencoded",
            "text/plain", "application/octet-stream");
    static final List<String> TABLES = List.of("inbox", "lead", "message", "follow_up", "kommo_outbox", "stage_history",
            "notification", "dead_letter", "meeting");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    record Endpoint(String path, String... headers) {
    }

    @Test
    void malformedInputIsRefusedWithAReasonAndChangesNothing() throws Exception {
        Http http = new Http(port);
        List<Endpoint> endpoints = List.of(
                new Endpoint("/api/follow-ups", "X-Api-Key", Http.API_KEY),
                new Endpoint("/api/leads/qualification", "X-Api-Key", Http.API_KEY),
                new Endpoint("/api/meetings", "X-Api-Key", Http.API_KEY),
                new Endpoint("/webhooks/kommo/automation-secret"),
                new Endpoint("/webhooks/whatsapp/evolution", "X-Webhook-Secret", WhatsAppFixtures.EVOLUTION_SECRET),
                new Endpoint("/webhooks/whatsapp/meta"));
        List<byte[]> bodies = MalformedBodies.generate(20261201L, BODIES);
        Map<String, Long> rowsBefore = rows();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (String contentType : CONTENT_TYPES) {
                for (byte[] body : bodies) {
                    sent.add(clients.submit(() -> {
                        HttpRequest.Builder request = http.request(endpoint.path()).header("Content-Type", contentType)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                        if (endpoint.headers().length > 0) {
                            request.headers(endpoint.headers());
                        }
                        if (endpoint.path().endsWith("/meta")) {
                            request.header("X-Hub-Signature-256", metaSignature(body));
                        }
                        HttpResponse<String> reply = http.send(request.build());
                        String type = reply.headers().firstValue("Content-Type").orElse("");
                        if (reply.statusCode() < 400 || reply.statusCode() > 499 || !type.contains("json")
                                || !reply.body().contains("\"error\"")) {
                            wrong.add(endpoint.path() + " " + contentType + " " + preview(body) + " → " + reply.statusCode()
                                    + " " + type + " " + reply.body().substring(0, Math.min(120, reply.body().length())));
                        }
                    }));
                }
            }
        }
        for (Future<?> request : sent) {
            request.get();
        }
        clients.shutdown();

        assertThat(wrong).as("requests not answered with a 4xx JSON reason").isEmpty();
        assertThat(rows()).as("rows written").isEqualTo(rowsBefore);
    }

    private Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        TABLES.forEach(table -> rows.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single()));
        return rows;
    }

    private static String metaSignature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WhatsAppFixtures.META_APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8);
        return "[" + body.length + " bytes: " + text.replaceAll("\\p{Cntrl}", "?") + "]";
    }
}
