package com.solarprime.integration.automation;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.kommo.KommoCommands;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.KommoFixtures;
import com.solarprime.integration.support.LeadProfiles;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Kommo webhooks in, stage automation out, against the sandbox over real HTTP. */
@IntegrationTest
@TestPropertySource(properties = "solarprime.kommo.webhook-secret=automation-secret")
class PipelineAutomationTest {

    static final String HOOK = "/webhooks/kommo/automation-secret";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KommoClient kommo;
    @Autowired
    AccountMap map;
    @Autowired
    KommoCommands commands;
    @Autowired
    ProducerTemplate producer;

    Http http;
    KommoFixtures fixtures;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fixtures = new KommoFixtures(kommo, map, http);
        fixtures.admin("/webhooks/drop", "{\"drop\":false}");
    }

    @Test
    void wrongSecretOrGarbageChangesNothing() {
        long before = inboxRows();
        HttpResponse<String> wrong = http.post("/webhooks/kommo/guess", "application/x-www-form-urlencoded",
                "leads[status][0][id]=1&leads[status][0][status_id]=142");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(http.post(HOOK, "text/plain", "hello").statusCode()).isEqualTo(400);
        assertThat(http.post(HOOK, "application/json", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void aStatusChangeRunsItsStageActionsOnceHoweverOftenItIsDelivered() {
        long lead = fixtures.personCreatedLead();
        String form = fixtures.statusForm(lead, map.statusId("IN_QUALIFICATION"), map.statusId("NEW"), 1796000000L);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> reply = http.post(HOOK, "application/x-www-form-urlencoded", form);
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.headers().map().keySet()).noneMatch(h -> h.contains("[") || h.contains("leads"));
        }

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(fixtures.taskTexts(lead))
                .containsExactly("Iniciar qualificação via WhatsApp"));
        List<Long> due = fixtures.tasks(lead).findValues("complete_till").stream().map(JsonNode::asLong).toList();
        assertThat(due).allSatisfy(t -> {
            var local = java.time.Instant.ofEpochSecond(t).atZone(ZoneId.of("America/Recife"));
            assertThat(local.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(local.getHour()).isBetween(8, 17);
        });
        assertThat(jdbc.sql("SELECT count(*) FROM stage_history WHERE kommo_lead_id = ?").param(lead).query(Long.class).single())
                .isEqualTo(1);
    }

    /** Issue 11, defect 3: Kommo's won status exists in every pipeline; a deal won in another one is not ours. */
    @Test
    void aDealWonInAnotherPipelineIsKeptAsIgnoredAndRunsNoAutomation() {
        JsonNode pipelines = kommo.call(KommoRequest.post("/api/v4/leads/pipelines", List.of(Map.of("name",
                "Outro funil " + System.nanoTime(), "sort", 20, "_embedded", Map.of("statuses",
                        List.of(Map.of("name", "Primeiro contato", "sort", 10, "color", "#98cbff")))))));
        long otherPipeline = pipelines.path("_embedded").path("pipelines").get(0).path("id").asLong();
        long lead = kommo.call(KommoRequest.post("/api/v4/leads", List.of(Map.of("name", "Negócio de outro funil",
                "pipeline_id", otherPipeline)))).path("_embedded").path("leads").get(0).path("id").asLong();
        String won = "leads[status][0][id]=" + lead + "&leads[status][0][status_id]=142&leads[status][0][pipeline_id]="
                + otherPipeline + "&leads[status][0][old_pipeline_id]=" + otherPipeline
                + "&leads[status][0][updated_at]=1796300000&account[subdomain]=solarprime&account[id]=31000001";

        assertThat(http.post(HOOK, "application/x-www-form-urlencoded", won).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT status || ': ' || reason FROM stage_history WHERE kommo_lead_id = ?").param(lead).query(String.class)
                .single()).isEqualTo("ignored: pipeline " + otherPipeline + " is not SolarPrime's"));
        assertThat(jdbc.sql("SELECT count(*) FROM kommo_outbox WHERE (payload ->> 'entity_id')::bigint = ?").param(lead)
                .query(Long.class).single()).as("no won note, no onboarding task").isZero();
    }

    @Test
    void theJsonVariantAndUnknownEventsAreAccepted() {
        long lead = fixtures.personCreatedLead();
        String body = "{\"leads\":{\"status\":[{\"id\":\"" + lead + "\",\"status_id\":\"" + map.statusId("IN_NEGOTIATION")
                + "\",\"pipeline_id\":\"" + map.pipelineId() + "\",\"old_status_id\":\"" + map.statusId("NEW")
                + "\",\"updated_at\":\"1796000100\"}]},\"account\":{\"id\":\"1\",\"subdomain\":\"solarprime\"}}";
        assertThat(http.post(HOOK, "application/json", body).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(fixtures.taskTexts(lead))
                .containsExactlyInAnyOrder("Preparar proposta personalizada", "Calcular economia detalhada"));

        String unknown = "catalogs[add][0][id]=77&account[subdomain]=solarprime";
        assertThat(http.post(HOOK, "application/x-www-form-urlencoded", unknown).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT status || ':' || coalesce(last_error, '') FROM inbox WHERE payload LIKE '%catalogs%'")
                .query(String.class).list()).singleElement().satisfies(s -> assertThat(s).startsWith("ignored:").contains("catalogs")));
    }

    @Test
    void ourOwnSyncMovingALeadRunsTheAutomationOnce() {
        assertThat(commands.run("register-webhooks").ok()).isTrue();
        String phone = freshPhone();
        intake(LeadProfiles.profile(phone, 800, "desconto", "90_dias", "identifying"));
        long lead = awaitKommoId(phone);
        intake(LeadProfiles.profile(phone, 800, "desconto", "90_dias", "competitor_analysis"));

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT count(*) FROM follow_up f JOIN lead l ON l.id = f.lead_id WHERE l.kommo_lead_id = ? AND f.type = 'REENGAGEMENT'")
                .param(lead).query(Long.class).single()).isEqualTo(1));
        // Kommo's webhook about our own move arrives and is processed...
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT count(*) FROM inbox WHERE source = 'kommo' AND status = 'done' AND payload LIKE ? AND payload LIKE ?")
                .param("%" + lead + "%").param("%" + map.statusId("QUALIFIED") + "%").query(Long.class).single()).isPositive());
        // ...and adds nothing: the change was recorded (and automated) once, by the sync that caused it.
        assertThat(jdbc.sql("SELECT source FROM stage_history WHERE kommo_lead_id = ? AND to_status_id = ?")
                .param(lead).param(map.statusId("QUALIFIED")).query(String.class).list()).containsExactly("sync");
        assertThat(jdbc.sql("SELECT count(*) FROM follow_up f JOIN lead l ON l.id = f.lead_id "
                + "WHERE l.kommo_lead_id = ? AND f.type = 'REENGAGEMENT'").param(lead).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void leadEventsKeepTheLocalMirror() {
        String phone = freshPhone();
        intake(LeadProfiles.profile(phone, 800, "desconto", "90_dias", "identifying"));
        long lead = awaitKommoId(phone);
        // A person hands the lead to another salesperson in Kommo (the sandbox reports it too when hooks are registered).
        kommo.call(KommoRequest.patch("/api/v4/leads/" + lead, Map.of("responsible_user_id", 10000002)));
        String responsible = "leads[responsible][0][id]=" + lead + "&leads[responsible][0][responsible_user_id]=10000002"
                + "&account[subdomain]=solarprime";
        String deleted = "leads[delete][0][id]=" + lead + "&account[subdomain]=solarprime";

        assertThat(http.post(HOOK, "application/x-www-form-urlencoded", responsible).statusCode()).isEqualTo(200);
        assertThat(http.post(HOOK, "application/x-www-form-urlencoded", deleted).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT responsible_user_id || ':' || sync_state FROM lead WHERE kommo_lead_id = ?").param(lead)
                .query(String.class).single()).isEqualTo("10000002:deleted"));
    }

    @Test
    void movingACardOnTheSandboxPageTriggersTheWholeChain() {
        assertThat(commands.run("register-webhooks").ok()).isTrue();
        long lead = fixtures.personCreatedLead();
        HttpResponse<String> move = http.post("/sandbox/kommo/ui/leads/" + lead + "/move", "application/json",
                "{\"status_id\":" + 142 + ",\"pipeline_id\":" + map.pipelineId() + "}", Http.ADMIN_HEADERS);
        assertThat(move.statusCode()).as(move.body()).isLessThan(300);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(fixtures.notes(lead))
                .anyMatch(n -> n.contains("Negócio fechado com sucesso")));
    }

    @Test
    void aDroppedWebhookIsCaughtByReconciliationOnce() {
        assertThat(commands.run("register-webhooks").ok()).isTrue();
        long lead = fixtures.personCreatedLead();
        fixtures.admin("/webhooks/drop", "{\"drop\":true}");
        kommo.call(KommoRequest.patch("/api/v4/leads/" + lead, Map.of("status_id", map.statusId("PROPOSAL_SENT"),
                "pipeline_id", map.pipelineId())));

        producer.sendBody("direct:kommo-reconcile-run", null);
        producer.sendBody("direct:kommo-reconcile-run", null);

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(fixtures.taskTexts(lead)).hasSize(3));
        assertThat(jdbc.sql("SELECT source FROM stage_history WHERE kommo_lead_id = ?").param(lead).query(String.class).list())
                .containsExactly("reconcile");
    }

    private long awaitKommoId(String phone) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT kommo_lead_id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single()).isNotNull());
        return jdbc.sql("SELECT kommo_lead_id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single();
    }

    private void intake(String body) {
        assertThat(http.post("/api/leads/qualification", "application/json", body, "X-Api-Key", Http.API_KEY).statusCode())
                .isEqualTo(200);
    }

    private long inboxRows() {
        return jdbc.sql("SELECT count(*) FROM inbox WHERE source = 'kommo'").query(Long.class).single();
    }
}
