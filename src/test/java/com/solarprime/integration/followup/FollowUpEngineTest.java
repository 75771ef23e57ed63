package com.solarprime.integration.followup;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.kommo.KommoOutbox;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.MutableClock;
import com.solarprime.integration.support.StubServer.Reply;
import com.solarprime.integration.support.StubServer;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The follow-up engine with a clock the test moves and Meta's Cloud API stood in for by a loopback server:
 * what is sent, when, in which form, and what happens when the provider or the lead says no.
 */
@IntegrationTest
class FollowUpEngineTest {

    /** A Wednesday, 10:00 in Recife: open for business. */
    static final Instant OPEN = Instant.parse("2026-12-02T13:00:00Z");
    static final StubServer meta = start();
    static final MutableClock clock = new MutableClock(OPEN);

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return clock;
        }
    }

    @DynamicPropertySource
    static void metaProvider(DynamicPropertyRegistry registry) {
        registry.add("solarprime.whatsapp.provider", () -> "meta");
        registry.add("solarprime.whatsapp.meta.graph-base-url", meta::url);
        registry.add("solarprime.whatsapp.meta.phone-number-id", () -> "PNID");
        registry.add("solarprime.whatsapp.meta.access-token", () -> "meta-token");
        registry.add("solarprime.work.queues.follow-ups.retry-backoff", () -> "1s");
    }

    @AfterAll
    static void stop() {
        meta.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    FollowUps followUps;
    @Autowired
    KommoClient kommo;
    @Autowired
    CamelContext camel;
    @Autowired
    KommoOutbox outbox;
    @Autowired
    AccountMap map;

    Http http;
    final AtomicInteger ids = new AtomicInteger();
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        http = new Http(port);
        camel.getRouteController().stopRoute("follow-ups");
        clock.set(OPEN);
        meta.reset();
        meta.on("POST /PNID/messages", r -> Reply.json(200, "{\"messages\":[{\"id\":\"wamid." + ids.incrementAndGet() + "\"}]}"));
        jdbc.sql("UPDATE follow_up SET status = 'cancelled' WHERE status IN ('pending', 'claimed')").update();
    }

    @Test
    void ourMessageSchedulesTheNoReplyCadenceAtTheRightInstants() throws Exception {
        long lead = lead(OPEN.minus(Duration.ofHours(1)));
        Instant ours = OPEN.minus(Duration.ofMinutes(5));
        followUps.restartCadence(lead, ours, "MSG-" + lead);

        assertThat(due(lead, "IMMEDIATE")).isEqualTo(ours.plus(Duration.ofMinutes(30)));
        assertThat(due(lead, "DAILY")).isEqualTo(ours.plus(Duration.ofHours(24)));
    }

    @Test
    void aDueFollowUpGoesOutAsFreeTextWithinTheWindowAndIsMirroredInKommo() throws Exception {
        long lead = lead(OPEN.minus(Duration.ofHours(2)));
        schedule(lead, "CUSTOM", "Oi {nome}, tudo certo?");

        assertThat(dispatch()).isEqualTo(1);

        JsonNode sent = json.readTree(meta.received().get(0).body());
        assertThat(sent.path("type").asText()).isEqualTo("text");
        assertThat(sent.path("text").path("body").asText()).isEqualTo("Oi Carla, tudo certo?");
        assertThat(status(lead)).containsExactly("sent");
        assertThat(jdbc.sql("SELECT provider_message_id FROM follow_up WHERE lead_id = ?").param(lead).query(String.class).single())
                .startsWith("wamid.");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            long kommoId = jdbc.sql("SELECT kommo_lead_id FROM lead WHERE id = ?").param(lead).query(Long.class).single();
            JsonNode notes = kommo.call(KommoRequest.get("/api/v4/leads/" + kommoId + "/notes"));
            assertThat(notes.path("_embedded").path("notes").findValuesAsText("text"))
                    .contains("Follow-up automático enviado: CUSTOM");
            assertThat(kommo.call(KommoRequest.get("/api/v4/leads/" + kommoId)).path("custom_fields_values").toString())
                    .contains("Tentativas de Follow-up");
        });
    }

    @Test
    void outsideTheTwentyFourHourWindowTheApprovedTemplateIsSent() throws Exception {
        long lead = lead(OPEN.minus(Duration.ofDays(3)));
        schedule(lead, "DAILY", null);

        dispatch();

        JsonNode sent = json.readTree(meta.received().get(0).body());
        assertThat(sent.path("type").asText()).isEqualTo("template");
        assertThat(sent.path("template").path("name").asText()).isEqualTo("solarprime_follow_up_daily");
        assertThat(sent.path("template").toString()).contains("Carla");
    }

    @Test
    void outsideBusinessHoursAndOnCarnivalItWaitsForTheNextOpening() throws Exception {
        long lead = lead(OPEN.minus(Duration.ofHours(2)));
        Instant carnivalMonday = Instant.parse("2027-02-08T13:00:00Z");
        schedule(lead, "CUSTOM", "Oi");
        clock.set(carnivalMonday);

        assertThat(dispatch()).isZero();

        assertThat(meta.received()).isEmpty();
        assertThat(status(lead)).containsExactly("pending");
        assertThat(due(lead, "CUSTOM")).isEqualTo(Instant.parse("2027-02-10T11:00:00Z"));

        clock.set(Instant.parse("2026-12-05T13:00:00Z"));
        jdbc.sql("UPDATE follow_up SET due_at = ? WHERE lead_id = ?").param(Timestamp.from(clock.instant())).param(lead).update();
        dispatch();
        assertThat(due(lead, "CUSTOM")).as("Saturday → Monday 08:00").isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));
    }

    @Test
    void retryableErrorsBackOffAndPermanentOnesFailAtOnce() throws Exception {
        long retried = lead(OPEN.minus(Duration.ofHours(1)));
        schedule(retried, "CUSTOM", "Oi");
        meta.on("POST /PNID/messages", r -> Reply.json(500, "{\"error\":{\"code\":1}}"));
        dispatch();
        assertThat(status(retried)).containsExactly("pending");
        assertThat(jdbc.sql("SELECT last_error FROM follow_up WHERE lead_id = ?").param(retried).query(String.class).single())
                .isNotBlank().doesNotContain("meta-token");

        long permanent = lead(OPEN.minus(Duration.ofHours(1)));
        schedule(permanent, "CUSTOM", "Oi");
        meta.on("POST /PNID/messages", r -> Reply.json(400, "{\"error\":{\"code\":131026,\"message\":\"undeliverable\"}}"));
        clock.set(OPEN.plus(Duration.ofSeconds(5)));
        dispatch();
        assertThat(status(permanent)).containsExactly("failed");
    }

    @Test
    void optedOutAndClosedLeadsGetNothing() throws Exception {
        long optedOut = lead(OPEN.minus(Duration.ofHours(1)));
        schedule(optedOut, "CUSTOM", "Oi");
        jdbc.sql("UPDATE lead SET opted_out_at = now() WHERE id = ?").param(optedOut).update();
        long won = lead(OPEN.minus(Duration.ofHours(1)));
        schedule(won, "CUSTOM", "Oi");
        jdbc.sql("UPDATE lead SET local_stage = 'WON' WHERE id = ?").param(won).update();

        dispatch();

        assertThat(meta.received()).isEmpty();
        assertThat(status(optedOut)).containsExactly("cancelled");
        assertThat(status(won)).containsExactly("cancelled");
        String phone = jdbc.sql("SELECT phone_e164 FROM lead WHERE id = ?").param(optedOut).query(String.class).single();
        HttpResponse<String> refused = http.post("/api/follow-ups", "application/json",
                "{\"phone\":\"" + phone + "\",\"dueAt\":\"2099-01-01T12:00:00Z\",\"text\":\"Oi\"}", "X-Api-Key", Http.API_KEY);
        assertThat(refused.statusCode()).isEqualTo(409);
    }

    @Test
    void theThirdUnansweredFollowUpClosesTheLeadAsLostInKommo() throws Exception {
        long lead = lead(OPEN.minus(Duration.ofDays(1)));
        for (int i = 0; i < 3; i++) {
            schedule(lead, "DAILY", null);
            clock.set(clock.instant().plusSeconds(60));
            dispatch();
        }

        assertThat(jdbc.sql("SELECT local_stage FROM lead WHERE id = ?").param(lead).query(String.class).single()).isEqualTo("LOST");
        assertThat(status(lead)).doesNotContain("pending");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            long kommoId = jdbc.sql("SELECT kommo_lead_id FROM lead WHERE id = ?").param(lead).query(Long.class).single();
            assertThat(kommo.call(KommoRequest.get("/api/v4/leads/" + kommoId)).path("status_id").asLong()).isEqualTo(143L);
            assertThat(kommo.call(KommoRequest.get("/api/v4/leads/" + kommoId + "/notes")).path("_embedded").path("notes")
                    .findValuesAsText("text")).contains("Lead não respondeu após 3 tentativas de follow-up. Marcado como perdido.");
        });
    }

    /** Issue 11, defect 2: proposal follow-ups are no silence to give up on, and a proposal is a salesperson's deal. */
    @Test
    void threeUnansweredProposalFollowUpsDoNotCloseAnOpenDeal() {
        long lead = lead(OPEN.minus(Duration.ofDays(1)));
        jdbc.sql("UPDATE lead SET local_stage = 'PROPOSAL_SENT' WHERE id = ?").param(lead).update();
        jdbc.sql("INSERT INTO follow_up (lead_id, type, due_at) VALUES (?, 'MEETING_REMINDER', ?)")
                .param(lead).param(Timestamp.from(OPEN.plus(Duration.ofDays(3)))).update();
        for (int i = 0; i < 3; i++) {
            schedule(lead, "PROPOSAL", null);
            clock.set(clock.instant().plusSeconds(60));
            dispatch();
        }

        assertThat(jdbc.sql("SELECT local_stage FROM lead WHERE id = ?").param(lead).query(String.class).single())
                .isEqualTo("PROPOSAL_SENT");
        assertThat(jdbc.sql("SELECT type || ':' || status FROM follow_up WHERE lead_id = ?").param(lead).query(String.class).list())
                .as("the meeting reminder stays, nothing is cancelled").contains("MEETING_REMINDER:pending")
                .noneMatch(row -> row.endsWith("cancelled"));
    }

    /** Issue 11, defect 2: once a meeting is scheduled our messages no longer start the "no reply" cadence. */
    @Test
    void ourMessageAfterAMeetingWasScheduledStartsNoNudges() {
        long lead = lead(OPEN.minus(Duration.ofDays(1)));
        jdbc.sql("UPDATE lead SET local_stage = 'MEETING_SCHEDULED' WHERE id = ?").param(lead).update();

        followUps.restartCadence(lead, OPEN, "wamid.after-the-meeting-was-scheduled");

        assertThat(status(lead)).isEmpty();
    }

    /** Issue 11, defect 2: a person's move in Kommo wins over a give-up that did not know of it. */
    @Test
    void aGiveUpNeverOverridesAMeetingAPersonScheduledInKommo() {
        long lead = lead(OPEN.minus(Duration.ofDays(1)));
        long kommoId = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT kommo_lead_id FROM lead WHERE id = ?").param(lead).query(Long.class).optional().orElse(null), id -> id != null);
        kommo.call(KommoRequest.patch("/api/v4/leads/" + kommoId, Map.of("status_id", map.statusId("MEETING_SCHEDULED"),
                "pipeline_id", map.pipelineId())));

        jdbc.sql("UPDATE lead SET local_stage = 'LOST' WHERE id = ?").param(lead).update();
        outbox.updateLead(lead);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM kommo_outbox WHERE lead_id = ? AND kind = 'lead_update' AND status <> 'done'")
                .param(lead).query(Long.class).single() == 0);
        assertThat(kommo.call(KommoRequest.get("/api/v4/leads/" + kommoId)).path("status_id").asLong())
                .isEqualTo(map.statusId("MEETING_SCHEDULED"));
    }

    @Test
    void aClaimWhoseInstanceDiedIsTakenOverAndSentOnce() throws Exception {
        long diedBeforeSending = lead(OPEN.minus(Duration.ofHours(1)));
        schedule(diedBeforeSending, "CUSTOM", "Oi");
        jdbc.sql("UPDATE follow_up SET status = 'claimed', claimed_at = now() - interval '1 hour' WHERE lead_id = ?")
                .param(diedBeforeSending).update();
        long diedWhileSending = lead(OPEN.minus(Duration.ofHours(1)));
        schedule(diedWhileSending, "CUSTOM", "Oi");
        jdbc.sql("""
                UPDATE follow_up SET status = 'claimed', claimed_at = now() - interval '1 hour',
                    send_started_at = now() - interval '1 hour' WHERE lead_id = ?""").param(diedWhileSending).update();

        dispatch();
        dispatch();

        assertThat(status(diedBeforeSending)).containsExactly("sent");
        assertThat(status(diedWhileSending)).as("never sent twice").containsExactly("failed");
        assertThat(meta.received()).hasSize(1);
    }

    @Test
    void theApiSchedulesListsAndCancels() throws Exception {
        long lead = lead(OPEN.minus(Duration.ofHours(1)));
        String phone = jdbc.sql("SELECT phone_e164 FROM lead WHERE id = ?").param(lead).query(String.class).single();
        HttpResponse<String> bad = http.post("/api/follow-ups", "application/json",
                "{\"phone\":\"123\",\"dueAt\":\"2000-01-01T00:00:00Z\",\"type\":\"WEEKLY\"}", "X-Api-Key", Http.API_KEY);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).path("details").findValuesAsText("field")).contains("phone", "type");

        HttpResponse<String> created = http.post("/api/follow-ups", "application/json",
                "{\"phone\":\"" + phone + "\",\"dueAt\":\"2099-01-01T12:00:00Z\",\"text\":\"Oi {nome}\"}", "X-Api-Key", Http.API_KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).path("id").asLong();
        assertThat(http.get("/api/leads/" + phone + "/follow-ups", "X-Api-Key", Http.API_KEY).body()).contains("\"CUSTOM\"");
        assertThat(http.send(http.request("/api/follow-ups/" + id).header("X-Api-Key", Http.API_KEY).DELETE().build())
                .statusCode()).isEqualTo(200);
        assertThat(status(lead)).containsExactly("cancelled");
    }

    /**
     * Issue 14: a client that sends its request again after a cut connection (it cannot know whether the first one
     * was committed) names both with one {@code Idempotency-Key}, and gets the first follow-up back, not a second.
     */
    @Test
    void aScheduleSentAgainWithItsIdempotencyKeyCreatesOneFollowUp() throws Exception {
        long lead = lead(OPEN.minus(Duration.ofHours(1)));
        String phone = jdbc.sql("SELECT phone_e164 FROM lead WHERE id = ?").param(lead).query(String.class).single();
        // Nanoseconds, finer than the database keeps: the request sent again is still the same request.
        String body = "{\"phone\":\"" + phone + "\",\"dueAt\":\"2099-01-01T12:00:00.123456789Z\",\"text\":\"Oi {nome}\"}";
        String key = "retry-" + lead;

        HttpResponse<String> first = http.post("/api/follow-ups", "application/json", body,
                "X-Api-Key", Http.API_KEY, "Idempotency-Key", key);
        HttpResponse<String> again = http.post("/api/follow-ups", "application/json", body,
                "X-Api-Key", Http.API_KEY, "Idempotency-Key", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json.readTree(again.body()).path("id").asLong()).isEqualTo(json.readTree(first.body()).path("id").asLong());
        assertThat(status(lead)).containsExactly("pending");

        HttpResponse<String> otherRequest = http.post("/api/follow-ups", "application/json",
                body.replace("2099-01-01", "2099-01-02"), "X-Api-Key", Http.API_KEY, "Idempotency-Key", key);
        assertThat(otherRequest.statusCode()).as(otherRequest.body()).isEqualTo(422);
        HttpResponse<String> oversizedKey = http.post("/api/follow-ups", "application/json", body,
                "X-Api-Key", Http.API_KEY, "Idempotency-Key", "k".repeat(256));
        assertThat(oversizedKey.statusCode()).as(oversizedKey.body()).isEqualTo(400);
        assertThat(status(lead)).containsExactly("pending");

        for (int i = 0; i < 2; i++) {
            assertThat(http.post("/api/follow-ups", "application/json", body, "X-Api-Key", Http.API_KEY).statusCode())
                    .isEqualTo(201);
        }
        assertThat(status(lead)).containsExactly("pending", "pending", "pending");
    }

    /** Issue 14: the same request arriving several times at once, as from a balancer that re-sent it, is one follow-up. */
    @Test
    void requestsWithOneIdempotencyKeyArrivingTogetherScheduleOneFollowUp() throws Exception {
        long lead = lead(OPEN.minus(Duration.ofHours(1)));
        String phone = jdbc.sql("SELECT phone_e164 FROM lead WHERE id = ?").param(lead).query(String.class).single();
        String body = "{\"phone\":\"" + phone + "\",\"dueAt\":\"2099-01-01T12:00:00Z\",\"text\":\"Oi {nome}\"}";

        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<HttpResponse<String>> replies = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(senders.submit(() -> http.post("/api/follow-ups", "application/json", body,
                        "X-Api-Key", Http.API_KEY, "Idempotency-Key", "together-" + lead)));
            }
            for (Future<HttpResponse<String>> reply : sent) {
                replies.add(reply.get());
            }
        } finally {
            senders.shutdown();
        }

        assertThat(replies).extracting(HttpResponse::statusCode).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(replies).extracting(reply -> json.readTree(reply.body()).path("id").asLong()).containsOnly(
                jdbc.sql("SELECT id FROM follow_up WHERE lead_id = ?").param(lead).query(Long.class).single());
    }

    /** A lead whose last message was at {@code lastInbound}, on its way into Kommo. */
    private long lead(Instant lastInbound) {
        String phone = "+" + freshPhone();
        long id = jdbc.sql("""
                        INSERT INTO lead (phone_e164, name, last_inbound_at) VALUES (?, 'Carla Souza', ?) RETURNING id""")
                .param(phone).param(Timestamp.from(lastInbound)).query(Long.class).single();
        outbox.createLead(id);
        return id;
    }

    private void schedule(long lead, String type, String text) {
        jdbc.sql("INSERT INTO follow_up (lead_id, type, due_at, text, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(lead, type, Timestamp.from(clock.instant()), text, Timestamp.from(clock.instant().minusSeconds(60))).update();
    }

    private Instant due(long lead, String type) {
        return jdbc.sql("SELECT due_at FROM follow_up WHERE lead_id = ? AND type = ? ORDER BY id DESC LIMIT 1")
                .param(lead).param(type).query(Timestamp.class).single().toInstant();
    }

    private List<String> status(long lead) {
        return jdbc.sql("SELECT status FROM follow_up WHERE lead_id = ? ORDER BY id").param(lead).query(String.class).list();
    }

    private static StubServer start() {
        try {
            return new StubServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One dispatcher run, as the clustered Quartz trigger starts it; returns how many follow-ups it sent. */
    private int dispatch() {
        long before = jdbc.sql("SELECT count(*) FROM follow_up WHERE status = 'sent'").query(Long.class).single();
        producer.sendBody("direct:follow-up-dispatch", (Object) null);
        return (int) (jdbc.sql("SELECT count(*) FROM follow_up WHERE status = 'sent'").query(Long.class).single() - before);
    }
}
