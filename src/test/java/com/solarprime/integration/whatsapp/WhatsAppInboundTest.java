package com.solarprime.integration.whatsapp;

import static com.solarprime.integration.support.WhatsAppFixtures.EVOLUTION_SECRET;
import static com.solarprime.integration.support.WhatsAppFixtures.FIXTURE_PHONE;
import static com.solarprime.integration.support.WhatsAppFixtures.evolutionJwt;
import static com.solarprime.integration.support.WhatsAppFixtures.evolutionText;
import static com.solarprime.integration.support.WhatsAppFixtures.fixture;
import static com.solarprime.integration.support.WhatsAppFixtures.freshId;
import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static com.solarprime.integration.support.WhatsAppFixtures.metaSignature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.WhatsAppFixtures;
import java.net.http.HttpResponse;
import java.time.Duration;
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

/** WhatsApp webhooks over real HTTP: authentication, inbox, processing into leads and messages, consent. */
@IntegrationTest
class WhatsAppInboundTest {

    static final String EVOLUTION = "/webhooks/whatsapp/evolution";
    static final String META = "/webhooks/whatsapp/meta";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void anEvolutionTextBecomesALeadAndAMessageOnce() {
        String phone = freshPhone();
        String id = freshId();
        String body = evolutionText(phone, id, "Oi, minha conta vem R$ 3.500", false);

        HttpResponse<String> first = evolution(body);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"accepted\"");
        for (int i = 0; i < 9; i++) {
            assertThat(evolution(body).body()).contains("\"duplicate\"");
        }

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM message WHERE provider_message_id = ?", id)).isEqualTo(1));
        assertThat(count("SELECT count(*) FROM lead WHERE phone_e164 = ?", "+" + phone)).isEqualTo(1);
        Map<String, Object> lead = jdbc.sql("SELECT name, last_inbound_at IS NOT NULL AS active FROM lead WHERE phone_e164 = ?")
                .param("+" + phone).query().singleRow();
        assertThat(lead).containsEntry("name", "Maria Souza").containsEntry("active", true);
        assertThat(jdbc.sql("SELECT text FROM message WHERE provider_message_id = ?").param(id).query(String.class).single())
                .isEqualTo("Oi, minha conta vem R$ 3.500");
        await().ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql("SELECT status FROM inbox WHERE dedupe_key = ?").param(id)
                .query(String.class).single()).isEqualTo("done"));
    }

    @Test
    void theReplyEchoesNoneOfTheRequestsHeaders() {
        HttpResponse<String> reply = http.post(EVOLUTION, "application/json",
                evolutionText(freshPhone(), freshId(), "oi", false),
                "X-Webhook-Secret", EVOLUTION_SECRET, "X-Probe-Header", "echo-me");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("X-Probe-Header")
                || h.equalsIgnoreCase("X-Webhook-Secret"));
    }

    @Test
    void everyEvolutionShapeIsHandled() {
        String lidPhone = "+5581977776666";
        assertThat(evolution(fixture("evolution/extended-text.json").replace(FIXTURE_PHONE, "5581977770001")).statusCode()).isEqualTo(200);
        assertThat(evolution(fixture("evolution/lid-remote-jid-alt.json")).statusCode()).isEqualTo(200);
        assertThat(evolution(fixture("evolution/image.json").replace(FIXTURE_PHONE, "5581977770002")).statusCode()).isEqualTo(200);
        assertThat(evolution(fixture("evolution/from-me.json").replace(FIXTURE_PHONE, "5581977770003")).statusCode()).isEqualTo(200);
        for (String ignored : List.of("group.json", "messages-update.json", "connection-update.json", "status-broadcast.json")) {
            HttpResponse<String> reply = evolution(fixture("evolution/" + ignored));
            assertThat(reply.statusCode()).as(ignored).isEqualTo(200);
            assertThat(reply.body()).as(ignored).contains("\"ignored\"");
        }
        HttpResponse<String> notJson = evolution(fixture("evolution/not-json.txt"));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"reason\"");

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(jdbc.sql("SELECT text FROM message m JOIN lead l ON l.id = m.lead_id WHERE l.phone_e164 = '+5581977770001'")
                    .query(String.class).list()).hasSize(1).allMatch(t -> !t.isBlank());
            assertThat(jdbc.sql("SELECT message_type FROM message m JOIN lead l ON l.id = m.lead_id "
                    + "WHERE l.phone_e164 = '+5581977770002'").query(String.class).single()).isEqualTo("image");
            assertThat(jdbc.sql("SELECT direction FROM message m JOIN lead l ON l.id = m.lead_id "
                    + "WHERE l.phone_e164 = '+5581977770003'").query(String.class).single()).isEqualTo("out");
            assertThat(jdbc.sql("SELECT whatsapp_lid FROM lead WHERE phone_e164 = ?").param(lidPhone)
                    .query(String.class).single()).endsWith("@lid");
        });
        assertThat(count("SELECT count(*) FROM inbox WHERE payload LIKE '%@g.us%'")).isZero();
    }

    @Test
    void theTwelveAndThirteenDigitFormsOfOneMobileAreOneLead() {
        evolution(evolutionText("5581966660001", freshId(), "oi", false));
        evolution(evolutionText("558166660001", freshId(), "oi de novo", false));

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(
                count("SELECT count(*) FROM message m JOIN lead l ON l.id = m.lead_id WHERE l.phone_e164 = '+5581966660001'"))
                .isEqualTo(2));
        assertThat(count("SELECT count(*) FROM lead WHERE phone_e164 LIKE '+55816666%' OR phone_e164 LIKE '+558196666%'"))
                .isEqualTo(1);
    }

    @Test
    void badCredentialsAreRefusedAndNothingIsStored() {
        String id = freshId();
        String body = evolutionText(freshPhone(), id, "oi", false);
        assertThat(http.post(EVOLUTION, "application/json", body).statusCode()).isEqualTo(401);
        assertThat(http.post(EVOLUTION, "application/json", body, "X-Webhook-Secret", "wrong").statusCode()).isEqualTo(401);
        assertThat(http.post(EVOLUTION, "application/json", body,
                "Authorization", "Bearer " + evolutionJwt("another-secret", 0, 600)).statusCode()).isEqualTo(401);
        HttpResponse<String> expired = http.post(EVOLUTION, "application/json", body,
                "Authorization", "Bearer " + evolutionJwt(EVOLUTION_SECRET, 1200, 600));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("expired");
        assertThat(http.post(META, "application/json", fixture("meta/text.json"),
                "X-Hub-Signature-256", "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(count("SELECT count(*) FROM inbox WHERE dedupe_key = ?", id)).isZero();

        assertThat(http.post(EVOLUTION, "application/json", body,
                "Authorization", "Bearer " + evolutionJwt(EVOLUTION_SECRET, 0, 600)).statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM inbox WHERE dedupe_key = ?", id)).isEqualTo(1);
    }

    @Test
    void metaVerificationAndSignedDeliveries() {
        HttpResponse<String> challenge = http.get(META + "?hub.mode=subscribe&hub.verify_token="
                + WhatsAppFixtures.META_VERIFY_TOKEN + "&hub.challenge=1158201444");
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(challenge.body()).isEqualTo("1158201444");
        assertThat(http.get(META + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1").statusCode()).isEqualTo(403);

        String text = fixture("meta/text.json").replace(FIXTURE_PHONE, "5581955550001");
        assertThat(meta(text).statusCode()).isEqualTo(200);
        assertThat(meta(fixture("meta/statuses.json")).body()).contains("\"ignored\"");
        assertThat(meta(fixture("meta/bad-object.json")).statusCode()).isEqualTo(400);

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT l.name FROM message m JOIN lead l ON l.id = m.lead_id WHERE l.phone_e164 = '+5581955550001'")
                .query(String.class).single()).isEqualTo("João Silva"));
    }

    @Test
    void aReplyStopsTheNoReplyCadenceButNotMeetingMessages() {
        String phone = freshPhone();
        evolution(evolutionText(phone, freshId(), "oi", false));
        await().ignoreExceptions().untilAsserted(() -> assertThat(count("SELECT count(*) FROM lead WHERE phone_e164 = ?", "+" + phone)).isEqualTo(1));
        long lead = jdbc.sql("SELECT id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single();
        for (String type : List.of("IMMEDIATE", "DAILY", "REENGAGEMENT", "MEETING_CONFIRMATION", "MEETING_REMINDER")) {
            jdbc.sql("INSERT INTO follow_up (lead_id, type, due_at) VALUES (?, ?, now() + interval '1 day')")
                    .param(lead).param(type).update();
        }

        evolution(evolutionText(phone, freshId(), "ainda estou aqui", false));

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT type FROM follow_up WHERE lead_id = ? AND status = 'cancelled' ORDER BY type").param(lead)
                .query(String.class).list()).containsExactly("DAILY", "IMMEDIATE", "REENGAGEMENT"));
        assertThat(jdbc.sql("SELECT type FROM follow_up WHERE lead_id = ? AND status = 'pending' ORDER BY type")
                .param(lead).query(String.class).list()).containsExactly("MEETING_CONFIRMATION", "MEETING_REMINDER");
    }

    @Test
    void optOutConfirmsOnceCancelsEverythingAndVoltarResumes() {
        String phone = freshPhone();
        evolution(evolutionText(phone, freshId(), "oi", false));
        await().ignoreExceptions().untilAsserted(() -> assertThat(count("SELECT count(*) FROM lead WHERE phone_e164 = ?", "+" + phone)).isEqualTo(1));
        long lead = jdbc.sql("SELECT id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single();
        jdbc.sql("INSERT INTO follow_up (lead_id, type, due_at) VALUES (?, 'MEETING_REMINDER', now() + interval '1 day')")
                .param(lead).update();

        evolution(evolutionText(phone, freshId(), "Sáir", false));
        evolution(evolutionText(phone, freshId(), "PARAR!", false));

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT opted_out_at IS NOT NULL FROM lead WHERE id = ?").param(lead).query(Boolean.class).single()).isTrue());
        await().ignoreExceptions().untilAsserted(() -> assertThat(count("SELECT count(*) FROM message WHERE lead_id = ? AND direction = 'in'", lead))
                .isEqualTo(3));
        // The confirmation is queued with the opt-out and sent by the follow-up dispatcher, whatever the hour.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(count(
                "SELECT count(*) FROM message WHERE lead_id = ? AND direction = 'out' AND provider = 'log'", lead))
                .as("one confirmation").isEqualTo(1));
        assertThat(count("SELECT count(*) FROM follow_up WHERE lead_id = ? AND status = 'pending'", lead)).isZero();
        assertThat(jdbc.sql("SELECT type || ':' || status FROM follow_up WHERE lead_id = ? ORDER BY id").param(lead)
                .query(String.class).list()).containsExactly("MEETING_REMINDER:cancelled", "CONSENT:sent");
        assertThat(jdbc.sql("SELECT tags::text FROM lead WHERE id = ?").param(lead).query(String.class).single()).contains("Opt-out");
        assertThat(count("SELECT count(*) FROM kommo_outbox WHERE lead_id = ? AND kind = 'note'", lead)).isEqualTo(1);

        evolution(evolutionText(phone, freshId(), "voltar", false));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT opted_out_at IS NULL FROM lead WHERE id = ?").param(lead).query(Boolean.class).single()).isTrue());
        assertThat(jdbc.sql("SELECT tags::text FROM lead WHERE id = ?").param(lead).query(String.class).single())
                .doesNotContain("Opt-out");
    }

    @Test
    void twentyParallelFirstMessagesFromOneNumberMakeOneLead() throws Exception {
        String phone = freshPhone();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = evolutionText(phone, freshId(), "mensagem " + i, false);
            replies.add(pool.submit(() -> evolution(body)));
        }
        for (Future<HttpResponse<String>> reply : replies) {
            assertThat(reply.get().statusCode()).isEqualTo(200);
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(count(
                "SELECT count(*) FROM message m JOIN lead l ON l.id = m.lead_id WHERE l.phone_e164 = ?", "+" + phone)).isEqualTo(20));
        assertThat(count("SELECT count(*) FROM lead WHERE phone_e164 = ?", "+" + phone)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM kommo_outbox o JOIN lead l ON l.id = o.lead_id "
                + "WHERE l.phone_e164 = ? AND o.kind = 'lead_create'", "+" + phone)).isEqualTo(1);
    }

    private HttpResponse<String> evolution(String body) {
        return http.post(EVOLUTION, "application/json", body, "X-Webhook-Secret", EVOLUTION_SECRET);
    }

    private HttpResponse<String> meta(String body) {
        return http.post(META, "application/json", body, "X-Hub-Signature-256", metaSignature(body));
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
