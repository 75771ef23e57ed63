package com.solarprime.integration.lead;

import static com.solarprime.integration.support.WhatsAppFixtures.EVOLUTION_SECRET;
import static com.solarprime.integration.support.WhatsAppFixtures.evolutionText;
import static com.solarprime.integration.support.WhatsAppFixtures.freshId;
import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.LeadProfiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What reaches Kommo through the outbox when Kommo fails, and when many deliveries race. */
@IntegrationTest
class KommoOutboxTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KommoClient kommo;
    @Autowired
    AccountMap map;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void kommoDownKeepsEverythingAndTheBacklogDrainsWithoutDuplicates() {
        admin("/faults/fail-next", "{\"count\":12,\"status\":500}");
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String phone = freshPhone();
            phones.add(phone);
            assertThat(http.post("/api/leads/qualification", "application/json",
                    LeadProfiles.profile(phone, 2500, "desconto", "imediato", "identifying"),
                    "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT count(*) FROM lead WHERE phone_e164 = ANY(?) AND kommo_lead_id IS NOT NULL")
                .param(phones.stream().map(p -> "+" + p).toArray(String[]::new)).query(Long.class).single()).isEqualTo(5));
        for (String phone : phones) {
            assertThat(kommoLeadsWithPhone(phone)).as("one Kommo lead for " + phone).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT count(*) FROM kommo_outbox o JOIN lead l ON l.id = o.lead_id WHERE l.phone_e164 = ANY(?) AND o.status <> 'done'")
                .param(phones.stream().map(p -> "+" + p).toArray(String[]::new)).query(Long.class).single()).isZero());
    }

    /** Issue 11, defect 1: a qualification landing while the lead's creation is on its way reaches Kommo too. */
    @Test
    void aQualificationArrivingWhileTheCreationIsInFlightReachesKommo() {
        String phone = freshPhone();
        admin("/faults/latency", "{\"ms\":2000}");
        try {
            assertThat(http.post("/webhooks/whatsapp/evolution", "application/json",
                    evolutionText(phone, freshId(), "Oi, quero saber da energia solar", false),
                    "X-Webhook-Secret", EVOLUTION_SECRET).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> "claimed".equals(jdbc.sql("""
                            SELECT o.status FROM kommo_outbox o JOIN lead l ON l.id = o.lead_id
                            WHERE l.phone_e164 = ? AND o.kind = 'lead_create'""").param("+" + phone).query(String.class)
                    .optional().orElse(null)));

            assertThat(http.post("/api/leads/qualification", "application/json",
                    LeadProfiles.profile(phone, 4500, "usina_propria", "imediato", "value_assessment"),
                    "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(200);
        } finally {
            admin("/faults/latency", "{\"ms\":0}");
        }

        await().atMost(Duration.ofSeconds(40)).ignoreExceptions().untilAsserted(() -> {
            long id = jdbc.sql("SELECT kommo_lead_id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single();
            JsonNode lead = kommo.call(KommoRequest.get("/api/v4/leads/" + id));
            assertThat(lead.path("custom_fields_values").findValuesAsText("field_id")).contains(
                    String.valueOf(map.fieldId("qualification_score")), String.valueOf(map.fieldId("energy_bill_value")));
            assertThat(lead.path("status_id").asLong()).isEqualTo(map.statusId("IN_QUALIFICATION"));
        });
        assertThat(kommoLeadsWithPhone(phone)).isEqualTo(1);
    }

    @Test
    void twentyParallelFirstMessagesFromANewNumberCreateOneKommoLead() throws Exception {
        String phone = freshPhone();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = evolutionText(phone, freshId(), "oi " + i, false);
            replies.add(pool.submit(() -> http.post("/webhooks/whatsapp/evolution", "application/json", body,
                    "X-Webhook-Secret", EVOLUTION_SECRET).statusCode()));
        }
        for (Future<Integer> reply : replies) {
            assertThat(reply.get()).isEqualTo(200);
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT kommo_lead_id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).optional())
                .isPresent().get().isNotNull());
        Thread.sleep(1000);
        assertThat(kommoLeadsWithPhone(phone)).isEqualTo(1);
    }

    @Test
    void anOptOutReachesKommoAsATagAndANote() {
        String phone = freshPhone();
        send(phone, "olá");
        send(phone, "SAIR");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            Long id = jdbc.sql("SELECT kommo_lead_id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single();
            assertThat(id).isNotNull();
            JsonNode lead = kommo.call(KommoRequest.get("/api/v4/leads/" + id));
            assertThat(lead.path("_embedded").path("tags").findValuesAsText("name")).contains("Opt-out");
            JsonNode notes = kommo.call(KommoRequest.get("/api/v4/leads/" + id + "/notes"));
            assertThat(notes.path("_embedded").path("notes").findValuesAsText("text")).anyMatch(t -> t.contains("SAIR"));
        });
    }

    private void send(String phone, String text) {
        assertThat(http.post("/webhooks/whatsapp/evolution", "application/json", evolutionText(phone, freshId(), text, false),
                "X-Webhook-Secret", EVOLUTION_SECRET).statusCode()).isEqualTo(200);
    }

    private long kommoLeadsWithPhone(String phone) {
        JsonNode contacts = kommo.call(KommoRequest.get("/api/v4/contacts", Map.of("query", phone, "with", "leads")));
        if (contacts == null) {
            return 0;
        }
        long leads = 0;
        for (JsonNode contact : contacts.path("_embedded").path("contacts")) {
            leads += contact.path("_embedded").path("leads").size();
        }
        return leads;
    }

    private void admin(String path, String body) {
        assertThat(http.post("/sandbox/kommo/_admin" + path, "application/json", body, Http.ADMIN_HEADERS)
                .statusCode()).isEqualTo(200);
    }
}
