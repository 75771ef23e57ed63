package com.solarprime.integration.kommo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.sandbox.store.WebhookStore;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.KommoFixtures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Connecting, provisioning, validating and registering webhooks against the local Kommo sandbox over HTTP. */
@IntegrationTest
@TestPropertySource(properties = "solarprime.kommo.webhook-secret=hook-secret-1")
class KommoAccountTest {

    @LocalServerPort
    int port;
    @Autowired
    KommoClient kommo;
    @Autowired
    KommoCommands commands;
    @Autowired
    AccountMap map;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KommoOutbox outbox;
    @Autowired
    WebhookStore sandboxWebhooks;

    Http http;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void theDefaultRunConnectsThroughOauthAndProvisionsAtStartUp() throws Exception {
        JsonNode status = json.readTree(http.get("/auth/status", "Authorization", Http.ADMIN_AUTH).body());
        assertThat(status.path("authenticated").asBoolean()).isTrue();
        assertThat(status.path("mode").asText()).isEqualTo("sandbox");
        assertThat(status.path("expiresAt").asText()).isNotBlank();
        assertThat(map.missing()).isEmpty();
        assertThat(map.statusId("WON")).isEqualTo(142L);
        assertThat(map.statusId("LOST")).isEqualTo(143L);
        assertThat(map.id(AccountMap.ENUM, "solution_type:Investimento")).isPresent();
        assertThat(http.get("/auth/status").statusCode()).as("operators only").isEqualTo(401);
    }

    @Test
    void provisioningTwiceResolvesTheSameIdsAndWritesNothing() {
        Map<String, Long> before = mapRows();
        double writesBefore = writes();

        CommandReport report = commands.run("provision");

        assertThat(report.ok()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.lines()).noneMatch(l -> l.contains("created") || l.contains("added"));
        assertThat(writes()).isEqualTo(writesBefore);
        assertThat(mapRows()).isEqualTo(before);
        JsonNode pipelines = kommo.call(KommoRequest.get("/api/v4/leads/pipelines"));
        assertThat(pipelines.path("_embedded").path("pipelines").findValuesAsText("name"))
                .filteredOn("SolarPrime"::equals).hasSize(1);
    }

    @Test
    void provisioningCreatesWhatIsMissing() {
        jdbc.sql("DELETE FROM kommo_account_map WHERE kind = 'custom_field' AND key = 'competitor'").update();
        assertThat(map.missing()).contains("custom field 'Concorrente'");

        CommandReport report = commands.run("provision");

        assertThat(report.ok()).isTrue();
        assertThat(map.missing()).isEmpty();
    }

    @Test
    void leadSyncWaitsWhileTheAccountMapIsIncompleteAndHealthSaysWhy() throws Exception {
        jdbc.sql("DELETE FROM kommo_account_map WHERE kind = 'enum' AND key = 'solution_type:Investimento'").update();
        assertThat(map.missing()).containsExactly("option 'Investimento' of 'Tipo de Solução'");
        long lead = jdbc.sql("INSERT INTO lead (phone_e164, name) VALUES ('+5581977123456', 'Espera') RETURNING id")
                .query(Long.class).single();
        outbox.createLead(lead);

        JsonNode health = json.readTree(http.get("/actuator/health", "Authorization", Http.ADMIN_AUTH).body());
        assertThat(health.path("components").path("kommo").path("status").asText()).isEqualTo("DOWN");
        assertThat(health.path("components").path("kommo").path("details").path("accountMap").asText())
                .contains("lead sync paused", "Investimento");
        Thread.sleep(7000);
        assertThat(jdbc.sql("SELECT kommo_lead_id FROM lead WHERE id = ?").param(lead).query(Long.class).optional())
                .isEmpty();

        assertThat(commands.run("provision").ok()).isTrue();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(jdbc.sql("SELECT kommo_lead_id FROM lead WHERE id = ?").param(lead).query(Long.class).single())
                        .isNotNull());
    }

    @Test
    void validatePassesOnTheSandboxAndClosesItsTestLeadAsLost() throws Exception {
        HttpResponse<String> response = withOurWebhookDropping(() -> http.post("/ops/kommo/validate",
                "application/json", "", Http.ADMIN_HEADERS));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json.readTree(response.body());
        assertThat(report.path("lines").toString()).contains("1. token", "2. account", "3. pipeline",
                "custom fields found 10/10", "5. test lead",
                "6. webhook: webhook registered and enabled");
        JsonNode leads = kommo.call(KommoRequest.get("/api/v4/leads", Map.of("query", "Teste Validação")));
        assertThat(leads.path("_embedded").path("leads").get(0).path("status_id").asLong()).isEqualTo(143L);
    }

    @Test
    void validateSaysWhenKommoDisabledOurWebhookAndRegisteringItAgainEnablesIt() {
        withOurWebhookDropping(() -> {
            assertThat(commands.run("validate").lines()).contains("✅ 6. webhook: webhook registered and enabled");
            JsonNode hooks = kommo.call(KommoRequest.get("/api/v4/webhooks")).path("_embedded").path("webhooks");
            assertThat(hooks).hasSize(1);
            sandboxWebhooks.disable(hooks.get(0).path("id").asLong());

            CommandReport validated = commands.run("validate");
            assertThat(validated.ok()).isFalse();
            assertThat(validated.lines()).anyMatch(l -> l.startsWith("❌ 6. webhook: Kommo disabled our webhook")
                    && l.endsWith("until register-webhooks is run"));

            CommandReport registered = commands.run("register-webhooks");
            assertThat(registered.lines()).contains("✅ Kommo had disabled the webhook: registering it again");
            assertThat(commands.run("validate").lines()).contains("✅ 6. webhook: webhook registered and enabled");
            return null;
        });
    }

    /**
     * With our webhook registered, while the sandbox drops every delivery: the test leads of validate must not come
     * back as webhooks to be acted upon while other tests of the class count Kommo writes. Unregistered afterwards.
     */
    private <T> T withOurWebhookDropping(Supplier<T> action) {
        KommoFixtures fixtures = new KommoFixtures(kommo, map, http);
        fixtures.admin("/webhooks/drop", "{\"drop\":true}");
        try {
            assertThat(commands.run("register-webhooks").ok()).isTrue();
            return action.get();
        } finally {
            destinations().forEach(d -> kommo.call(KommoRequest.delete("/api/v4/webhooks", Map.of("destination", d))));
            fixtures.admin("/webhooks/drop", "{\"drop\":false}");
        }
    }

    @Test
    void validateFailsWithAClearLineWhenAFieldIsMissing() {
        long fieldId = map.fieldId("ai_notes");
        jdbc.sql("UPDATE kommo_account_map SET kommo_id = 1 WHERE kind = 'custom_field' AND key = 'ai_notes'").update();
        try {
            CommandReport report = commands.run("validate");
            assertThat(report.ok()).isFalse();
            assertThat(report.lines()).anyMatch(l -> l.startsWith("❌ 4. custom fields") && l.contains("9/10")
                    && l.contains("Notas da IA"));
        } finally {
            jdbc.sql("UPDATE kommo_account_map SET kommo_id = ? WHERE kind = 'custom_field' AND key = 'ai_notes'")
                    .param(fieldId).update();
        }
    }

    @Test
    void oauthCallbackAcceptsItsOwnStateOnceAndRefusesMismatchReuseAndDenial() throws Exception {
        HttpResponse<String> start = http.get("/auth/kommo", "Authorization", Http.ADMIN_AUTH);
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).contains("/oauth?", "state=", "client_id=sandbox");

        HttpResponse<String> consent = http.send(http.request("").uri(URI.create(authorize)).GET().build());
        assertThat(consent.statusCode()).isEqualTo(302);
        String callback = consent.headers().firstValue("Location").orElseThrow();
        String refreshedAt = refreshedAt();

        HttpResponse<String> first = http.send(http.request("").uri(URI.create(callback)).GET().build());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("Kommo connected");
        assertThat(refreshedAt()).isNotEqualTo(refreshedAt);

        String stored = refreshedAt();
        HttpResponse<String> reused = http.send(http.request("").uri(URI.create(callback)).GET().build());
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("already used");

        HttpResponse<String> forged = http.get("/auth/callback?code=abc&state=forged-state");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("state mismatch");

        String state = http.get("/auth/kommo", "Authorization", Http.ADMIN_AUTH).headers().firstValue("Location")
                .orElseThrow().replaceAll(".*state=([^&]+).*", "$1");
        HttpResponse<String> denied = http.get("/auth/callback?error=access_denied&state=" + state);
        assertThat(denied.statusCode()).isEqualTo(400);
        assertThat(denied.body()).contains("refused");
        assertThat(refreshedAt()).as("nothing stored on a refused callback").isEqualTo(stored);
    }

    @Test
    void webhookRegistrationReplacesOursAndNeverDuplicates() {
        assertThat(commands.run("register-webhooks").ok()).isTrue();
        assertThat(commands.run("register-webhooks").lines()).anyMatch(l -> l.contains("already registered"));
        assertThat(destinations()).hasSize(1).allMatch(d -> d.endsWith("/webhooks/kommo/hook-secret-1"));

        kommo.call(KommoRequest.post("/api/v4/webhooks", Map.of("destination",
                destinations().get(0).replace("hook-secret-1", "old-secret"), "settings", List.of("add_lead"))));
        assertThat(destinations()).hasSize(2);
        assertThat(commands.run("register-webhooks").ok()).isTrue();
        assertThat(destinations()).hasSize(1).allMatch(d -> d.endsWith("/webhooks/kommo/hook-secret-1"));
    }

    private List<String> destinations() {
        JsonNode hooks = kommo.call(KommoRequest.get("/api/v4/webhooks"));
        return hooks == null ? List.of() : hooks.path("_embedded").path("webhooks").findValuesAsText("destination");
    }

    private String refreshedAt() {
        return jdbc.sql("SELECT refreshed_at::text FROM kommo_token").query(String.class).single();
    }

    private Map<String, Long> mapRows() {
        Map<String, Long> rows = new java.util.TreeMap<>();
        jdbc.sql("SELECT kind || '/' || key, kommo_id FROM kommo_account_map").query((rs, n) -> {
            rows.put(rs.getString(1), rs.getLong(2));
            return null;
        }).list();
        return rows;
    }

    private double writes() {
        return meters.find("kommo.api.calls").counters().stream()
                .filter(c -> !"GET".equals(c.getId().getTag("method")))
                .mapToDouble(Counter::count).sum();
    }
}
