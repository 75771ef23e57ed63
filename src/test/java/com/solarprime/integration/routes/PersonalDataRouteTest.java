package com.solarprime.integration.routes;

import static com.solarprime.integration.support.WhatsAppFixtures.EVOLUTION_SECRET;
import static com.solarprime.integration.support.WhatsAppFixtures.evolutionText;
import static com.solarprime.integration.support.WhatsAppFixtures.freshId;
import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.privacy.PersonalData;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.KommoFixtures;
import com.solarprime.integration.support.LeadProfiles;
import com.solarprime.integration.support.RouteTest;
import com.solarprime.integration.whatsapp.OutboundMessage;
import com.solarprime.integration.whatsapp.WhatsAppSendException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * routes/personal-data.camel.yaml over real HTTP, with Kommo the sandbox: a person with a conversation, a consent
 * history, a follow-up, a meeting and a stage change gets all of it back, then has it erased everywhere here, once.
 */
@RouteTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataRouteTest {

    static final String ERASED_NOTE = "Dados pessoais deste lead apagados da integração SolarPrime em";

    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KommoClient kommo;
    @Autowired
    AccountMap map;
    @Autowired
    PersonalData personalData;
    @Autowired
    TransactionTemplate transactions;
    @LocalServerPort
    int port;

    Http http;
    KommoFixtures fixtures;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fixtures = new KommoFixtures(kommo, map, http);
    }

    @Test
    void aPersonGetsEverythingBackThenIsErasedEverywhereOnce(CapturedOutput output) throws Exception {
        // A mobile whose 12-digit form (without the ninth digit) is valid too.
        String phone = "558199" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        String twelveDigits = phone.substring(0, 4) + phone.substring(5);
        HttpResponse<String> qualified = http.post("/api/leads/qualification", "application/json",
                LeadProfiles.profile(phone, 800, "desconto", "90_dias", "competitor_analysis"), "X-Api-Key", Http.API_KEY);
        assertThat(qualified.statusCode()).as(qualified.body()).isEqualTo(200);
        inbound(twelveDigits, "Oi, quero saber da energia solar");
        inbound(phone, "SAIR");
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM lead WHERE phone_e164 = ? AND opted_out_at IS NOT NULL", "+" + phone) == 1);
        inbound(phone, "VOLTAR");
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM lead WHERE phone_e164 = ? AND opted_out_at IS NULL", "+" + phone) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM message m JOIN lead l ON l.id = m.lead_id "
                + "WHERE l.phone_e164 = ?", "+" + phone) >= 3);
        long leadId = jdbc.sql("SELECT id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single();
        await().atMost(Duration.ofSeconds(20)).until(() -> kommoLead(leadId) != null);
        long kommoLead = kommoLead(leadId);
        HttpResponse<String> followUp = http.post("/api/follow-ups", "application/json",
                "{\"phone\":\"+%s\",\"dueAt\":\"%s\",\"type\":\"CUSTOM\",\"text\":\"Oi {nome}, tudo bem?\"}"
                        .formatted(phone, Instant.now().plus(Duration.ofDays(3))), "X-Api-Key", Http.API_KEY);
        assertThat(followUp.statusCode()).as(followUp.body()).isEqualTo(201);
        HttpResponse<String> booked = http.post("/api/meetings", "application/json",
                "{\"phone\":\"+%s\",\"start\":\"%s\"}".formatted(phone, freeSlot()), "X-Api-Key", Http.API_KEY);
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        jdbc.sql("""
                        INSERT INTO stage_history (lead_id, kommo_lead_id, pipeline_id, from_status_id, to_status_id, changed_at,
                            source, dedupe_key, status)
                        VALUES (?, ?, ?, ?, ?, now(), 'webhook', ?, 'done')""")
                .param(leadId).param(kommoLead).param(map.pipelineId()).param(map.statusId("NEW"))
                .param(map.statusId("QUALIFIED")).param("test:" + freshId()).update();

        // Access, by the 12-digit form of the number.
        HttpResponse<String> access = personalData("GET", twelveDigits, true);
        assertThat(access.statusCode()).as(access.body()).isEqualTo(200);
        JsonNode data = json.readTree(access.body());
        assertThat(data.path("generatedAt").asText()).isNotEmpty();
        assertThat(data.path("lead").path("name").asText()).isEqualTo("Carla Teste");
        assertThat(data.path("lead").path("phone").asText()).isEqualTo("+" + phone);
        assertThat(data.path("lead").path("email").asText()).isEqualTo("carla@example.com");
        assertThat(data.path("messages").findValuesAsText("text"))
                .as("theirs, and the consent confirmations sent to them").contains("Oi, quero saber da energia solar", "SAIR", "VOLTAR");
        assertThat(data.path("consent").path("optedOut").asBoolean()).isFalse();
        assertThat(data.path("consent").path("changes")).hasSize(2);
        assertThat(data.path("consent").path("confirmations")).hasSize(2);
        assertThat(data.path("followUps").findValuesAsText("type")).contains("CUSTOM", "CONSENT");
        assertThat(data.path("meetings")).hasSize(1);
        assertThat(data.path("meetings").get(0).path("status").asText()).isEqualTo("scheduled");
        assertThat(data.path("stageHistory").findValuesAsText("toStatusId")).contains(String.valueOf(map.statusId("QUALIFIED")));
        assertThat(data.path("kommo").path("leadId").asLong()).isEqualTo(kommoLead);

        // Erasure.
        long messages = count("SELECT count(*) FROM message WHERE lead_id = ?", leadId);
        HttpResponse<String> erased = personalData("DELETE", "+" + phone, true);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        JsonNode answer = json.readTree(erased.body());
        assertThat(answer.path("status").asText()).isEqualTo("erased");
        assertThat(answer.path("leadId").asLong()).isEqualTo(leadId);
        assertThat(answer.path("erasedAt").asText()).isNotEmpty();

        // The number is this test's alone: found nowhere. The name and the words are other tests' too: not in this
        // lead's rows.
        for (String table : List.of("lead", "message", "inbox", "follow_up", "meeting", "kommo_outbox", "notification",
                "dead_letter", "kommo_lead", "stage_history")) {
            for (String number : List.of(phone, twelveDigits)) {
                assertThat(count("SELECT count(*) FROM " + table + " t WHERE row_to_json(t)::text LIKE ?", "%" + number + "%"))
                        .as(number + " in " + table).isZero();
            }
        }
        for (String table : List.of("message", "follow_up", "meeting", "kommo_outbox", "notification", "kommo_lead")) {
            for (String trace : List.of("Carla", "carla@example.com", "energia solar")) {
                assertThat(jdbc.sql("SELECT count(*) FROM " + table + " t WHERE lead_id = ? AND row_to_json(t)::text LIKE ?")
                        .param(leadId).param("%" + trace + "%").query(Long.class).single())
                        .as(trace + " in " + table).isZero();
            }
        }
        assertThat(jdbc.sql("SELECT row_to_json(l)::text FROM lead l WHERE id = ?").param(leadId).query(String.class).single())
                .doesNotContain("Carla").doesNotContain("carla@example.com");
        assertThat(jdbc.sql("SELECT phone_e164 FROM lead WHERE id = ?").param(leadId).query(String.class).single())
                .isEqualTo("erased:" + leadId);
        assertThat(count("SELECT count(*) FROM message WHERE lead_id = ?", leadId)).as("the rows stay for the counts").isEqualTo(messages);
        assertThat(jdbc.sql("SELECT status || ':' || cancel_reason FROM follow_up WHERE lead_id = ? AND type = 'CUSTOM'")
                .param(leadId).query(String.class).single()).isEqualTo("cancelled:personal data erased");
        assertThat(jdbc.sql("SELECT status FROM meeting WHERE lead_id = ?").param(leadId).query(String.class).single())
                .isEqualTo("cancelled");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fixtures.notes(kommoLead))
                .filteredOn(note -> note.startsWith(ERASED_NOTE)).hasSize(1)
                .allMatch(note -> note.endsWith("(LGPD). O lead no Kommo não foi apagado: isso cabe ao titular da conta Kommo.")));

        // Idempotent: the same number again changes nothing and adds no note.
        HttpResponse<String> again = personalData("DELETE", twelveDigits, true);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode second = json.readTree(again.body());
        assertThat(second.path("status").asText()).isEqualTo("already_erased");
        assertThat(second.path("leadId").asLong()).isEqualTo(leadId);
        assertThat(Instant.parse(second.path("erasedAt").asText())).isEqualTo(Instant.parse(answer.path("erasedAt").asText()));
        assertThat(count("SELECT count(*) FROM kommo_outbox WHERE lead_id = ? AND dedupe_key LIKE 'personal-data-erased:%'", leadId))
                .isEqualTo(1);
        assertThat(personalData("GET", "+" + phone, true).statusCode()).as("no longer identifiable").isEqualTo(404);

        // Nothing automated goes to the number again, whoever asks.
        Throwable refused = catchThrowable(() -> producer.requestBody("direct:whatsapp-send",
                OutboundMessage.text(twelveDigits, "Oi, tudo bem?"), String.class));
        assertThat(refused).hasRootCauseInstanceOf(WhatsAppSendException.class);
        assertThat(((WhatsAppSendException) rootCause(refused)).retryable()).isFalse();
        assertThat(http.post("/api/follow-ups", "application/json",
                "{\"phone\":\"+%s\",\"dueAt\":\"%s\",\"type\":\"CUSTOM\",\"text\":\"Oi\"}"
                        .formatted(phone, Instant.now().plus(Duration.ofDays(3))), "X-Api-Key", Http.API_KEY).statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT number_hash FROM suppressed_number WHERE lead_id = ?").param(leadId)
                .query(String.class).single()).hasSize(64).doesNotContain(phone.substring(4));

        assertThat(output.getAll()).contains("Personal data of lead " + leadId + " erased")
                .doesNotContain(phone).doesNotContain(twelveDigits);
    }

    @Test
    void aPersonErasedWhoWritesAgainStartsOptedOutUntilVoltar() {
        String phone = freshPhone();
        inbound(phone, "Oi");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM lead WHERE phone_e164 = ?", "+" + phone) == 1);
        assertThat(personalData("DELETE", phone, true).statusCode()).isEqualTo(200);

        inbound(phone, "Olá de novo");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM lead WHERE phone_e164 = ?", "+" + phone) == 1);
        assertThat(jdbc.sql("SELECT opt_out_reason FROM lead WHERE phone_e164 = ?").param("+" + phone).query(String.class).single())
                .isEqualTo("personal data erased");
        assertThat(catchThrowable(() -> producer.requestBody("direct:whatsapp-send", OutboundMessage.text(phone, "Oi"))))
                .hasRootCauseInstanceOf(WhatsAppSendException.class);

        inbound(phone, "VOLTAR");
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM lead WHERE phone_e164 = ? AND opted_out_at IS NULL", "+" + phone) == 1);
        assertThat(producer.requestBody("direct:whatsapp-send", OutboundMessage.text(phone, "Oi"), String.class))
                .as("asked for again: the suppression is lifted").startsWith("log-");
    }

    @Test
    void badNumbersUnknownNumbersAndMissingKeysChangeNothing() {
        assertThat(personalData("GET", "12", true).statusCode()).isEqualTo(400);
        assertThat(personalData("DELETE", "not-a-phone", true).statusCode()).isEqualTo(400);
        assertThat(personalData("GET", freshPhone(), true).statusCode()).isEqualTo(404);
        assertThat(personalData("DELETE", freshPhone(), true).statusCode()).isEqualTo(404);
        assertThat(personalData("GET", freshPhone(), false).statusCode()).isEqualTo(401);
        assertThat(personalData("DELETE", freshPhone(), false).statusCode()).isEqualTo(401);
    }

    /**
     * A message naming the person by WhatsApp LID only, processed while the erasure is being committed: it waits for
     * the erasure and then belongs to nobody, instead of keeping its text on the erased lead.
     */
    @Test
    void aMessageByLidProcessedDuringTheErasureIsNotKeptOnTheErasedLead() {
        String phone = freshPhone();
        String lid = "7" + phone.substring(phone.length() - 8) + "123456@lid";
        evolution(lid, phone + "@s.whatsapp.net", freshId(), "oi");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM lead WHERE whatsapp_lid = ?", lid) == 1);
        String messageId = freshId();

        transactions.executeWithoutResult(erasure -> {
            personalData.erase("+" + phone);
            evolution(lid, null, messageId, "meu CPF é 123.456.789-00");
            // The inbox worker is on the message: it stored it, or it waits for the lead this erasure holds, finding it
            // by its LID or storing the message that refers to it (other workers may wait for the lead too).
            await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM message WHERE provider_message_id = ?",
                    messageId) == 1 || count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND ("
                    + "query LIKE '%whatsapp_lid = $1 FOR UPDATE%' OR query LIKE ?)", "%INSERT INTO message%") > 0);
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM inbox WHERE payload LIKE ? "
                + "AND status IN ('pending', 'claimed')", "%" + messageId + "%") == 0);
        assertThat(jdbc.sql("SELECT text FROM message WHERE provider_message_id = ?").param(messageId)
                .query(String.class).list()).as("the text kept").allMatch(text -> text == null);
    }

    /** An Evolution text from a LID, with the phone number as its alternative JID or without one. */
    private void evolution(String lid, String alt, String messageId, String text) {
        String body = evolutionText("0", messageId, text, false)
                .replace("\"remoteJid\":\"0@s.whatsapp.net\"", "\"remoteJid\":\"" + lid + "\"")
                .replace("\"remoteJidAlt\":null", "\"remoteJidAlt\":" + (alt == null ? "null" : "\"" + alt + "\""));
        HttpResponse<String> reply = http.post("/webhooks/whatsapp/evolution", "application/json", body,
                "X-Webhook-Secret", EVOLUTION_SECRET);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    }

    private HttpResponse<String> personalData(String method, String phone, boolean withKey) {
        HttpRequest.Builder request = http.request("/api/leads/" + phone + "/personal-data")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (withKey) {
            request.header("X-Api-Key", Http.API_KEY);
        }
        return http.send(request.build());
    }

    private void inbound(String digits, String text) {
        HttpResponse<String> reply = http.post("/webhooks/whatsapp/evolution", "application/json",
                evolutionText(digits, freshId(), text, false), "X-Webhook-Secret", EVOLUTION_SECRET);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    }

    private Long kommoLead(long leadId) {
        return jdbc.sql("SELECT kommo_lead_id FROM lead WHERE id = ?").param(leadId)
                .query((rs, n) -> (Long) rs.getObject(1, Long.class)).list().get(0);
    }

    private long count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }

    /** A free slot at least a month ahead, so that no other test's meetings are in the way. */
    private String freeSlot() throws Exception {
        LocalDate day = LocalDate.now(ZoneId.of("America/Recife")).plusDays(30 + ThreadLocalRandom.current().nextInt(300));
        for (int tries = 0; tries < 14; tries++, day = day.plusDays(1)) {
            JsonNode slots = json.readTree(http.get("/api/meetings/slots?date=" + day, "X-Api-Key", Http.API_KEY).body());
            for (JsonNode slot : slots.path("slots")) {
                if (slot.path("available").asBoolean()) {
                    return slot.path("start").asText();
                }
            }
        }
        throw new AssertionError("no free slot in two weeks from " + day);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
