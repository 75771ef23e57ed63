package com.solarprime.integration.kommo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.StubServer;
import com.solarprime.integration.support.StubServer.Reply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code kommo-api} route against a scripted stand-in for Kommo, for the behaviours that need exact
 * control of Kommo's answers (the sandbox covers the same ground end to end elsewhere).
 */
@IntegrationTest
class KommoGatewayTest {

    static final StubServer kommo = startStub();

    @DynamicPropertySource
    static void pointAtStub(DynamicPropertyRegistry registry) {
        registry.add("solarprime.kommo.mode", () -> "live");
        registry.add("solarprime.kommo.subdomain", () -> "solarprime");
        registry.add("solarprime.kommo.base-url", kommo::url);
        registry.add("solarprime.kommo.client-id", () -> "client");
        registry.add("solarprime.kommo.client-secret", () -> "client-secret");
        registry.add("solarprime.kommo.gateway.requests-per-second", () -> "7");
        registry.add("solarprime.kommo.gateway.max-retry-after", () -> "2s");
        registry.add("solarprime.kommo.gateway.block-cooldown", () -> "1s");
        registry.add("solarprime.kommo.gateway.circuit-breaker.wait-in-open-state", () -> "1s");
    }

    @AfterAll
    static void stop() {
        kommo.close();
    }

    @Autowired
    KommoClient client;
    @Autowired
    KommoTokenStore tokens;
    @Autowired
    KommoGatewayState gatewayState;
    @Autowired
    CircuitBreaker kommoCircuitBreaker;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    final AtomicInteger issued = new AtomicInteger();

    @BeforeEach
    void connected() {
        kommo.reset();
        gatewayState.clear();
        kommoCircuitBreaker.reset();
        kommo.on("POST /oauth2/access_token", r -> Reply.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":86400,"
                + "\"access_token\":\"access-" + issued.incrementAndGet() + "\",\"refresh_token\":\"refresh-" + issued.get()
                + "\",\"server_time\":1764403200}"));
        tokens.exchangeCode("code");
        kommo.received().clear();
    }

    @Test
    void sendsTheBearerTokenAndNothingOfTheCallersHeaders() {
        kommo.on("GET /api/v4/account", r -> Reply.json(200, "{\"id\":1,\"subdomain\":\"solarprime\"}"));

        JsonNode account = client.call(KommoRequest.get("/api/v4/account", Map.of("with", "users")));

        assertThat(account.path("subdomain").asText()).isEqualTo("solarprime");
        StubServer.Received request = kommo.received().get(0);
        assertThat(request.header("Authorization")).isEqualTo("Bearer access-" + issued.get());
        assertThat(request.query()).isEqualTo("with=users");
        assertThat(request.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("camel") || h.contains("kommo"));
    }

    @Test
    void noContentIsAnEmptyResult() {
        kommo.on("GET /api/v4/contacts", r -> new Reply(204, null, null));
        assertThat(client.call(KommoRequest.get("/api/v4/contacts", Map.of("query", "+5581999990000")))).isNull();
    }

    @Test
    void followsNextLinksAcrossThreePages() {
        kommo.on("GET /api/v4/leads", r -> {
            int page = r.query().contains("page=") ? Integer.parseInt(r.query().replaceAll(".*page=(\\d+).*", "$1")) : 1;
            String next = page < 3 ? ",\"next\":{\"href\":\"https://solarprime.kommo.com/api/v4/leads?limit=2&page="
                    + (page + 1) + "\"}" : "";
            return Reply.json(200, "{\"_page\":" + page + ",\"_links\":{\"self\":{\"href\":\"x\"}" + next + "},"
                    + "\"_embedded\":{\"leads\":[{\"id\":" + (page * 10 + 1) + "},{\"id\":" + (page * 10 + 2) + "}]}}");
        });

        JsonNode all = client.call(KommoRequest.getAll("/api/v4/leads", Map.of("limit", "2")));

        assertThat(all.path("_embedded").path("leads").findValuesAsText("id"))
                .containsExactly("11", "12", "21", "22", "31", "32");
        assertThat(all.path("_links").has("next")).isFalse();
        assertThat(kommo.count("GET", "/api/v4/leads")).isEqualTo(3);
    }

    @Test
    void anUnauthorizedAnswerRefreshesTheTokenOnceAndRetries() {
        String before = tokens.stored().orElseThrow().accessToken();
        kommo.on("GET /api/v4/account", r -> ("Bearer " + before).equals(r.header("Authorization"))
                ? Reply.json(401, "{\"title\":\"Unauthorized\",\"status\":401}")
                : Reply.json(200, "{\"id\":1}"));

        assertThat(client.call(KommoRequest.get("/api/v4/account")).path("id").asInt()).isEqualTo(1);

        assertThat(kommo.count("POST", "/oauth2/access_token")).isEqualTo(1);
        assertThat(kommo.received().stream().filter(r -> r.path().equals("/oauth2/access_token")).findFirst()
                .orElseThrow().body()).contains("\"grant_type\":\"refresh_token\"", "\"refresh_token\":\"refresh-");
        String after = tokens.stored().orElseThrow().accessToken();
        assertThat(after).isNotEqualTo(before);
        assertThat(jdbc.sql("SELECT access_token_enc || refresh_token_enc FROM kommo_token").query(String.class).single())
                .doesNotContain(after).doesNotContain("refresh-");
    }

    @Test
    void aSecondUnauthorizedAnswerIsReportedNotLooped() {
        kommo.on("GET /api/v4/account", r -> Reply.json(401, "{\"title\":\"Unauthorized\",\"status\":401}"));

        assertThatThrownBy(() -> client.call(KommoRequest.get("/api/v4/account")))
                .isInstanceOfSatisfying(KommoException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(kommo.count("POST", "/oauth2/access_token")).isEqualTo(1);
        assertThat(kommo.count("GET", "/api/v4/account")).isEqualTo(2);
    }

    @Test
    void tooManyRequestsWaitsRetryAfterAndRetries() {
        AtomicInteger calls = new AtomicInteger();
        kommo.on("GET /api/v4/leads/1", r -> calls.incrementAndGet() == 1
                ? Reply.json(429, "{\"title\":\"Too Many Requests\",\"status\":429,\"retry_after\":1}")
                : Reply.json(200, "{\"id\":1}"));
        double retriesBefore = counter("kommo.api.retries", "reason", "rate_limited");

        long started = System.nanoTime();
        assertThat(client.call(KommoRequest.get("/api/v4/leads/1")).path("id").asInt()).isEqualTo(1);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(counter("kommo.api.retries", "reason", "rate_limited")).isEqualTo(retriesBefore + 1);
    }

    @Test
    void serverErrorsOpenTheCircuitAndALaterSuccessClosesIt() {
        kommo.on("GET /api/v4/leads", r -> Reply.json(503, "{}"));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> client.call(KommoRequest.get("/api/v4/leads")))
                    .isInstanceOfSatisfying(KommoException.class, e -> assertThat(e.retryable()).isTrue());
        }
        assertThat(kommoCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        long sent = kommo.count("GET", "/api/v4/leads");
        assertThatThrownBy(() -> client.call(KommoRequest.get("/api/v4/leads"))).hasMessageContaining("circuit breaker open");
        assertThat(kommo.count("GET", "/api/v4/leads")).as("an open circuit sends nothing").isEqualTo(sent);

        kommo.on("GET /api/v4/leads", r -> Reply.json(200, "{\"_embedded\":{\"leads\":[]}}"));
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(kommoCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN));
        client.call(KommoRequest.get("/api/v4/leads"));
        client.call(KommoRequest.get("/api/v4/leads"));
        assertThat(kommoCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void clientErrorsDoNotOpenTheCircuit() {
        kommo.on("POST /api/v4/leads", r -> Reply.json(400, "{\"title\":\"Bad Request\",\"validation-errors\":[]}"));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> client.call(KommoRequest.post("/api/v4/leads", java.util.List.of(Map.of()))))
                    .isInstanceOfSatisfying(KommoException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.retryable()).isFalse();
                    });
        }
        assertThat(kommoCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anHtmlForbiddenBlocksEveryCallAndReportsDownUntilReset() throws Exception {
        kommo.on("GET /api/v4/leads", r -> Reply.html(403, "<html><body>Account blocked</body></html>"));
        assertThatThrownBy(() -> client.call(KommoRequest.get("/api/v4/leads"))).hasMessageContaining("blocked");

        assertThatThrownBy(() -> client.call(KommoRequest.get("/api/v4/account"))).hasMessageContaining("blocked");
        assertThat(kommo.count("GET", "/api/v4/account")).as("nothing leaves while blocked").isZero();
        Http http = new Http(port);
        var health = http.get("/actuator/health", "Authorization", Http.ADMIN_AUTH);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"kommo\"", "HTML 403");
        assertThat(meters.get("kommo.api.blocked").gauge().value()).isEqualTo(1.0);

        var reset = http.post("/ops/kommo/unblock", "application/json", "", Http.ADMIN_HEADERS);
        assertThat(reset.statusCode()).isEqualTo(200);
        kommo.on("GET /api/v4/account", r -> Reply.json(200, "{\"id\":1}"));
        assertThat(client.call(KommoRequest.get("/api/v4/account")).path("id").asInt()).isEqualTo(1);
    }

    @Test
    void aProbeAfterTheCooldownLiftsTheBlockWhenKommoAnswersAgain() {
        kommo.on("GET /api/v4/account", r -> Reply.html(403, "<html>blocked</html>"));
        assertThatThrownBy(() -> client.call(KommoRequest.get("/api/v4/account"))).hasMessageContaining("blocked");

        kommo.on("GET /api/v4/account", r -> Reply.json(200, "{\"id\":1}"));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() ->
                assertThat(client.call(KommoRequest.get("/api/v4/account")).path("id").asInt()).isEqualTo(1));
        assertThat(gatewayState.block()).isEmpty();
    }

    private double counter(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static StubServer startStub() {
        try {
            return new StubServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
