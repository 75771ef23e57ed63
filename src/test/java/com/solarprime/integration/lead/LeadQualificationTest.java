package com.solarprime.integration.lead;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import static com.solarprime.integration.support.LeadProfiles.profile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The agent's intake through to Kommo (the local sandbox), over real HTTP. */
@IntegrationTest
class LeadQualificationTest {

    static final String INTAKE = "/api/leads/qualification";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KommoClient kommo;
    @Autowired
    AccountMap map;
    @Autowired
    MeterRegistry meters;
    @Autowired
    CamelContext camel;

    Http http;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void invalidInputIsRefusedWithEveryReasonAndWritesNothing() throws Exception {
        assertThat(http.post(INTAKE, "application/json", "{}").statusCode()).isEqualTo(401);
        assertThat(intake("{not json").statusCode()).isEqualTo(400);

        String phone = freshPhone();
        HttpResponse<String> invalid = intake("""
                {"phone":"12","energy_bill_value":-5,"timeline":"someday","solution_interest":"magic",
                 "qualification_stage":"done","email":"not-an-email"}""");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode details = json.readTree(invalid.body()).path("details");
        assertThat(details.findValuesAsText("field"))
                .contains("phone", "energy_bill_value", "timeline", "solution_interest", "qualification_stage", "email");
        assertThat(jdbc.sql("SELECT count(*) FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single()).isZero();
    }

    @Test
    void aQualifiedLeadReachesKommoScoredTaggedAndStaged() throws Exception {
        String phone = freshPhone();
        HttpResponse<String> reply = intake(profile(phone, 4500, "usina_propria", "imediato", "value_assessment"));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        JsonNode view = json.readTree(reply.body());
        assertThat(view.path("score").asInt()).isEqualTo(80);
        assertThat(view.path("stage").asText()).isEqualTo("IN_QUALIFICATION");
        assertThat(view.path("tags").toString()).contains("Lead Quente", "Alto Valor", "WhatsApp Lead");

        JsonNode inKommo = awaitKommoLead(phone);
        assertThat(inKommo.path("status_id").asLong()).as(inKommo.toString()).isEqualTo(map.statusId("IN_QUALIFICATION"));
        assertThat(inKommo.path("pipeline_id").asLong()).isEqualTo(map.pipelineId());
        assertThat(inKommo.path("_embedded").path("tags").findValuesAsText("name"))
                .contains("Lead Quente", "Alto Valor", "WhatsApp Lead");
        assertThat(inKommo.path("custom_fields_values").toString()).contains("Usina própria", "4500");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(notes(inKommo.path("id").asLong()))
                .anyMatch(n -> n.contains("80/100")));
        // Created straight into Em Qualificação: that stage's automation ran for it.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(kommo.call(KommoRequest.get("/api/v4/tasks",
                Map.of("filter[entity_type]", "leads", "filter[entity_id]", inKommo.path("id").asText())))
                .path("_embedded").path("tasks").findValuesAsText("text")).containsExactly("Iniciar qualificação via WhatsApp"));

        HttpResponse<String> lookup = http.get("/api/leads/%2B" + phone, "X-Api-Key", Http.API_KEY);
        JsonNode local = json.readTree(lookup.body());
        assertThat(local.path("kommo").path("leadId").asLong()).as(local.toString()).isEqualTo(inKommo.path("id").asLong());
        assertThat(local.path("syncState").asText()).isEqualTo("synced");
        assertThat(http.get("/api/leads/+5581000", "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(400);
        assertThat(http.get("/api/leads/" + freshPhone(), "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void tagsAPersonAddedInKommoAreKeptAndTheStageNeverMovesBack() {
        String phone = freshPhone();
        intake(profile(phone, 1200, "desconto", "90_dias", "scheduling"));
        JsonNode created = awaitKommoLead(phone);
        long id = created.path("id").asLong();
        List<Map<String, Object>> tags = new ArrayList<>();
        created.path("_embedded").path("tags").forEach(t -> tags.add(Map.of("name", t.path("name").asText())));
        tags.add(Map.of("name", "VIP do vendedor"));
        kommo.call(KommoRequest.patch("/api/v4/leads/" + id, Map.of("_embedded", Map.of("tags", tags))));

        intake(profile(phone, 5000, "usina_propria", "imediato", "identifying"));

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            JsonNode lead = kommo.call(KommoRequest.get("/api/v4/leads/" + id));
            assertThat(lead.path("_embedded").path("tags").findValuesAsText("name"))
                    .contains("VIP do vendedor", "Alto Valor").doesNotContain("Lead Frio");
            assertThat(lead.path("status_id").asLong()).isEqualTo(map.statusId("MEETING_SCHEDULED"));
        });
        assertThat(jdbc.sql("SELECT local_stage FROM lead WHERE phone_e164 = ?").param("+" + phone)
                .query(String.class).single()).isEqualTo("MEETING_SCHEDULED");
    }

    @Test
    void sixtyNewLeadsTakeExactlyTwoComplexCalls() throws Exception {
        double before = calls("POST", "/api/v4/leads/complex");
        camel.getRouteController().suspendRoute("kommo-sync");
        List<String> phones = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                String phone = freshPhone();
                phones.add(phone);
                assertThat(intake(profile(phone, 800, "desconto", "30_dias", "identifying")).statusCode()).isEqualTo(200);
            }
        } finally {
            camel.getRouteController().resumeRoute("kommo-sync");
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT count(*) FROM lead WHERE phone_e164 = ANY(?) AND kommo_lead_id IS NOT NULL")
                .param(phones.stream().map(p -> "+" + p).toArray(String[]::new)).query(Long.class).single()).isEqualTo(60));
        assertThat(calls("POST", "/api/v4/leads/complex") - before).isEqualTo(2);
    }

    private JsonNode awaitKommoLead(String phone) {
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT kommo_lead_id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).optional())
                .isPresent().get().isNotNull());
        long id = jdbc.sql("SELECT kommo_lead_id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single();
        return kommo.call(KommoRequest.get("/api/v4/leads/" + id, Map.of("with", "contacts")));
    }

    private List<String> notes(long kommoLeadId) {
        JsonNode notes = kommo.call(KommoRequest.get("/api/v4/leads/" + kommoLeadId + "/notes"));
        return notes == null ? List.of() : notes.path("_embedded").path("notes").findValuesAsText("text");
    }

    private double calls(String method, String path) {
        return meters.find("kommo.api.calls").tag("method", method).tag("path", path).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private HttpResponse<String> intake(String body) {
        return http.post(INTAKE, "application/json", body, "X-Api-Key", Http.API_KEY);
    }
}
