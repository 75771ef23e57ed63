package com.solarprime.integration.routes;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.calendar.BusinessCalendar;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.kommo.KommoCommands;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.KommoFixtures;
import com.solarprime.integration.support.LeadProfiles;
import com.solarprime.integration.support.RouteTest;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.Statement;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * routes/meetings.camel.yaml over real HTTP, with Kommo the sandbox (webhooks registered, so that what people do
 * there comes back): bookings, their races and refusals, moves and cancellations mirrored in Kommo, and meetings made
 * in Kommo taking their slots. Each test books on a day of its own; the salespeople are the sandbox's users (none
 * configured).
 */
@RouteTest
// The context of the webhook and automation tests, with its secret.
@TestPropertySource(properties = "solarprime.kommo.webhook-secret=automation-secret")
class MeetingsRouteTest {

    private static final ExecutorService callers = Executors.newFixedThreadPool(2);
    private static final AtomicInteger nextWeek = new AtomicInteger(3);

    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KommoClient kommo;
    @Autowired
    AccountMap map;
    @Autowired
    KommoCommands commands;
    @Autowired
    BusinessCalendar calendar;
    @Autowired
    DataSource dataSource;
    @LocalServerPort
    int port;

    Http http;
    KommoFixtures fixtures;
    final ObjectMapper json = new ObjectMapper();
    String ana;
    String bruno;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fixtures = new KommoFixtures(kommo, map, http);
        fixtures.admin("/webhooks/drop", "{\"drop\":false}");
        assertThat(commands.run("register-webhooks").ok()).isTrue();
        List<String> users = new ArrayList<>(map.users().keySet());
        ana = users.get(0);
        bruno = users.get(1);
    }

    @AfterAll
    static void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void aBookingIsTheMeetingTaskTheDateAndTheStageInKommoWithTheStagesAutomation() throws Exception {
        String phone = freshPhone();
        qualified(phone);
        long kommoLead = awaitKommoLead(phone);
        Instant start = at(day(), 10);

        HttpResponse<String> reply = book(phone, start, null);

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        JsonNode meeting = json.readTree(reply.body());
        assertThat(meeting.path("phone").asText()).isEqualTo("+" + phone);
        assertThat(meeting.path("salesperson").asText()).as("the lead's responsible user, else the first by the rules")
                .isEqualTo(ana);
        assertThat(Instant.parse(meeting.path("start").asText())).isEqualTo(start);
        assertThat(Instant.parse(meeting.path("end").asText())).isEqualTo(start.plus(Duration.ofHours(1)));
        assertThat(meeting.path("status").asText()).isEqualTo("scheduled");
        assertThat(meeting.path("source").asText()).isEqualTo("api");
        long id = meeting.path("id").asLong();

        JsonNode task = awaitMeetingTask(kommoLead);
        assertThat(task.path("complete_till").asLong()).isEqualTo(start.getEpochSecond());
        assertThat(task.path("responsible_user_id").asLong()).isEqualTo(map.userId(ana).orElseThrow());
        assertThat(task.path("text").asText()).isEqualTo("Reunião com Carla Teste");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                json.readTree(http.get("/api/meetings/" + id, "X-Api-Key", Http.API_KEY).body()).path("kommoTaskId").asLong())
                .isEqualTo(task.path("id").asLong()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode lead = kommo.call(KommoRequest.get("/api/v4/leads/" + kommoLead));
            assertThat(lead.path("status_id").asLong()).isEqualTo(map.statusId("MEETING_SCHEDULED"));
            assertThat(meetingField(lead)).isEqualTo(start.getEpochSecond());
        });
        // Reunião Agendada's automation, from the stage change our sync made: the confirmation at 08:00 on the
        // meeting day and the preparation task two hours before.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fixtures.taskTexts(kommoLead))
                .contains("Preparar material para reunião"));
        assertThat(pendingFollowUps(phone)).containsExactly(
                "MEETING_CONFIRMATION@" + calendar.atLocalTime(calendar.localDate(start), LocalTime.of(8, 0)));
    }

    @Test
    void aBookingConfirmedByTheAgentGetsItsReminderButNoSecondMeetingTask() throws Exception {
        String phone = freshPhone();
        qualified(phone);
        long kommoLead = awaitKommoLead(phone);
        LocalDate day = day();
        Instant start = at(day, 14);
        long id = json.readTree(book(phone, start, bruno).body()).path("id").asLong();
        awaitMeetingTask(kommoLead);
        awaitFollowUp(phone, "MEETING_CONFIRMATION@" + calendar.atLocalTime(day, LocalTime.of(8, 0)));

        HttpResponse<String> confirmed = http.post("/api/leads/qualification", "application/json",
                LeadProfiles.profile(phone, 800, "desconto", "90_dias", "scheduled"), "X-Api-Key", Http.API_KEY);
        assertThat(confirmed.statusCode()).isEqualTo(200);

        awaitFollowUp(phone, "MEETING_CONFIRMATION@" + calendar.atLocalTime(day, LocalTime.of(8, 0)),
                "MEETING_REMINDER@" + start.minus(Duration.ofHours(2)));
        assertThat(meetingTasks(kommoLead)).as("the booking's task only").hasSize(1);
        producer.sendBody("direct:meeting-attendance-run", null);
        assertThat(status(id)).isEqualTo("confirmed");
    }

    @Test
    void twoConcurrentBookingsOfOneSlotGiveOne201AndOne409() throws Exception {
        LocalDate day = day();
        for (int hour : new int[] {9, 10, 11, 14, 15}) {
            String first = freshPhone();
            String second = freshPhone();
            qualified(first);
            qualified(second);
            Instant start = at(day, hour);
            CyclicBarrier together = new CyclicBarrier(2);

            CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> {
                meet(together);
                return book(first, start, bruno);
            }, callers);
            CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> {
                meet(together);
                return book(second, start, bruno);
            }, callers);

            assertThat(List.of(a.get().statusCode(), b.get().statusCode())).containsExactlyInAnyOrder(201, 409);
            HttpResponse<String> refused = a.get().statusCode() == 409 ? a.get() : b.get();
            assertThat(json.readTree(refused.body()).path("reason").asText()).isEqualTo("the slot was just taken");
            assertThat(jdbc.sql("SELECT count(*) FROM meeting WHERE start_at = ? AND salesperson_id = ?")
                    .param(java.sql.Timestamp.from(start)).param(map.userId(bruno).orElseThrow()).query(Long.class).single())
                    .isEqualTo(1);
        }
    }

    /**
     * Two overlapping insertions that check the exclusion constraint at the same moment each wait for the other, and
     * PostgreSQL ends that by aborting one with a deadlock instead of an exclusion violation. Built here for certain:
     * the booking waits for a meeting of another transaction, which then inserts one that overlaps only the booking's
     * (and waits longer than the booking before it looks for deadlocks, so the booking is the one aborted).
     */
    @Test
    void aBookingThatLosesADeadlockOverItsSlotIs409() throws Exception {
        String phone = freshPhone();
        qualified(phone);
        Instant start = at(day(), 10);
        long salesperson = map.userId(bruno).orElseThrow();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement sql = other.createStatement()) {
                sql.execute("SET LOCAL deadlock_timeout = '30s'");
                sql.execute(kommoMeeting(salesperson, start, start.plus(Duration.ofMinutes(30))));
                CompletableFuture<HttpResponse<String>> booking = CompletableFuture.supplyAsync(
                        () -> book(phone, start, bruno), callers);
                await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO meeting%'""").query(Long.class).single() == 1);
                sql.execute(kommoMeeting(salesperson, start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofHours(1))));

                HttpResponse<String> reply = booking.get(20, TimeUnit.SECONDS);
                assertThat(reply.statusCode()).as(reply.body()).isEqualTo(409);
                assertThat(json.readTree(reply.body()).path("reason").asText()).isEqualTo("the slot was just taken");
            } finally {
                other.rollback();
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM meeting m JOIN lead l ON l.id = m.lead_id WHERE l.phone_e164 = ?")
                .param("+" + phone).query(Long.class).single()).isZero();
    }

    private static String kommoMeeting(long salesperson, Instant start, Instant end) {
        return "INSERT INTO meeting (kommo_lead_id, salesperson_id, start_at, end_at, source) VALUES (987654321, "
                + salesperson + ", '" + start + "', '" + end + "', 'kommo')";
    }

    @Test
    void aTakenTimeIs409AndALeadBooksOneMeetingAtATime() throws Exception {
        String phone = freshPhone();
        String other = freshPhone();
        qualified(phone);
        qualified(other);
        LocalDate day = day();
        assertThat(book(phone, at(day, 10), bruno).statusCode()).isEqualTo(201);

        HttpResponse<String> overlapping = book(other, at(day, 10).plus(Duration.ofMinutes(30)), bruno);
        HttpResponse<String> again = book(phone, at(day, 15), bruno);

        assertThat(overlapping.statusCode()).isEqualTo(409);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).path("reason").asText()).startsWith("the lead already has a meeting");
        assertThat(book(other, at(day, 10).plus(Duration.ofMinutes(30)), ana).statusCode())
                .as("another salesperson is free then").isEqualTo(201);
    }

    /**
     * Issue 14: the agent books again after a timeout, not knowing whether the first booking was committed. With the
     * same {@code Idempotency-Key} it gets that meeting back, and Kommo one meeting task.
     */
    @Test
    void aBookingSentAgainWithItsIdempotencyKeyGetsTheFirstMeetingBack() throws Exception {
        String phone = freshPhone();
        qualified(phone);
        long kommoLead = awaitKommoLead(phone);
        Instant start = at(day(), 11);
        String body = bookingBody(phone, start, bruno);

        HttpResponse<String> first = http.post("/api/meetings", "application/json", body,
                "X-Api-Key", Http.API_KEY, "Idempotency-Key", "booking-" + phone);
        HttpResponse<String> again = http.post("/api/meetings", "application/json", body,
                "X-Api-Key", Http.API_KEY, "Idempotency-Key", "booking-" + phone);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json.readTree(again.body()).path("id").asLong()).isEqualTo(json.readTree(first.body()).path("id").asLong());
        HttpResponse<String> otherTime = http.post("/api/meetings", "application/json",
                body.replace(start.toString(), start.plus(Duration.ofHours(2)).toString()),
                "X-Api-Key", Http.API_KEY, "Idempotency-Key", "booking-" + phone);
        assertThat(otherTime.statusCode()).as(otherTime.body()).isEqualTo(422);
        assertThat(http.post("/api/meetings", "application/json", body, "X-Api-Key", Http.API_KEY,
                "Idempotency-Key", "bad key").statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM meeting m JOIN lead l ON l.id = m.lead_id WHERE l.phone_e164 = ?")
                .param("+" + phone).query(Long.class).single()).isEqualTo(1);
        awaitMeetingTask(kommoLead);
        awaitFollowUp(phone, "MEETING_CONFIRMATION@" + calendar.atLocalTime(calendar.localDate(start), LocalTime.of(8, 0)));
    }

    /**
     * Issue 14: the agent sends its booking again while the first is still being committed (its timeout was shorter
     * than the booking). One books, the other gets that meeting back.
     */
    @Test
    void copiesOfABookingInFlightTogetherBookOneMeetingAndTheLaterGetsItBack() throws Exception {
        String phone = freshPhone();
        qualified(phone);
        Instant start = at(day(), 14);
        String body = bookingBody(phone, start, bruno);

        List<HttpResponse<String>> copies = inFlightTogether(start, "in-flight-" + phone, body, body);

        HttpResponse<String> a = copies.get(0);
        HttpResponse<String> b = copies.get(1);
        assertThat(List.of(a.statusCode(), b.statusCode())).as(a.body() + " " + b.body()).containsExactlyInAnyOrder(201, 200);
        HttpResponse<String> replayed = a.statusCode() == 200 ? a : b;
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json.readTree(a.body()).path("id").asLong()).isEqualTo(json.readTree(b.body()).path("id").asLong());
        assertThat(jdbc.sql("SELECT count(*) FROM meeting m JOIN lead l ON l.id = m.lead_id WHERE l.phone_e164 = ?")
                .param("+" + phone).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anotherBookingUnderTheKeyOfOneInFlightIs422() throws Exception {
        String phone = freshPhone();
        qualified(phone);
        Instant start = at(day(), 15);
        String body = bookingBody(phone, start, bruno);
        String later = body.replace(start.toString(), start.plus(Duration.ofHours(1)).toString());

        List<HttpResponse<String>> replies = inFlightTogether(start, "in-flight-" + phone, body, later);

        assertThat(replies.get(0).statusCode()).as(replies.get(0).body()).isEqualTo(201);
        assertThat(replies.get(1).statusCode()).as(replies.get(1).body()).isEqualTo(422);
        assertThat(json.readTree(replies.get(1).body()).path("reason").asText()).contains("Idempotency-Key");
    }

    /**
     * Sends two bookings with one {@code Idempotency-Key}, the second once the first is held inside its transaction,
     * past the check for an earlier booking, by a meeting of another transaction overlapping {@code blocked}; and both
     * in flight, lets them go.
     */
    private List<HttpResponse<String>> inFlightTogether(Instant blocked, String key, String first, String second)
            throws Exception {
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement sql = other.createStatement()) {
                sql.execute(kommoMeeting(map.userId(bruno).orElseThrow(), blocked, blocked.plus(Duration.ofMinutes(30))));
                for (String body : List.of(first, second)) {
                    replies.add(CompletableFuture.supplyAsync(() -> http.post("/api/meetings", "application/json", body,
                            "X-Api-Key", Http.API_KEY, "Idempotency-Key", key), callers));
                    int waiting = replies.size();
                    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
                            AND wait_event_type = 'Lock' AND (query LIKE '%INSERT INTO meeting%' OR query LIKE '%FOR UPDATE%')""")
                            .query(Long.class).single() == waiting);
                }
            } finally {
                other.rollback();
            }
        }
        List<HttpResponse<String>> answered = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> reply : replies) {
            answered.add(reply.get(20, TimeUnit.SECONDS));
        }
        return answered;
    }

    @Test
    void outOfHoursPastClosedDaysAndBadRequestsAre4xxAndStoreNothing() throws Exception {
        String phone = freshPhone();
        qualified(phone);
        LocalDate day = day();
        long before = meetings();

        for (Instant outside : List.of(at(day, 7), at(day, 17).plus(Duration.ofMinutes(30)), at(day, 18),
                at(day.with(TemporalAdjusters.next(DayOfWeek.SATURDAY)), 10),
                calendar.atLocalTime(LocalDate.of(day.getYear() + 1, 12, 25), LocalTime.of(10, 0)))) {
            HttpResponse<String> reply = book(phone, outside, null);
            assertThat(reply.statusCode()).as(outside + ": " + reply.body()).isEqualTo(400);
            assertThat(json.readTree(reply.body()).path("reason").asText()).contains("working hours");
        }
        HttpResponse<String> past = book(phone, Instant.now().minus(Duration.ofHours(1)), null);
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(json.readTree(past.body()).path("reason").asText()).isEqualTo("start is in the past");
        assertThat(post("{\"phone\":\"+" + phone + "\",\"start\":\"tomorrow at ten\"}").statusCode()).isEqualTo(400);
        assertThat(post("not json").statusCode()).isEqualTo(400);
        assertThat(post("{\"phone\":\"+" + phone + "\",\"start\":\"" + at(day, 10) + "\",\"source\":\"kommo\"}")
                .statusCode()).as("only the agent and the API book here").isEqualTo(400);
        assertThat(book(phone, at(day, 10), "nobody@example.com").statusCode()).isEqualTo(400);
        assertThat(book(freshPhone(), at(day, 10), null).statusCode()).as("no such lead").isEqualTo(404);
        assertThat(meetings()).isEqualTo(before);
    }

    @Test
    void aRescheduleMovesTheKommoTaskTheDateAndTheConfirmation() throws Exception {
        String phone = freshPhone();
        qualified(phone);
        long kommoLead = awaitKommoLead(phone);
        LocalDate day = day();
        JsonNode booked = json.readTree(book(phone, at(day, 9), ana).body());
        long taskId = awaitMeetingTask(kommoLead).path("id").asLong();
        awaitFollowUp(phone, "MEETING_CONFIRMATION@" + calendar.atLocalTime(day, LocalTime.of(8, 0)));
        LocalDate later = day.plusDays(7);
        Instant moved = at(later, 16);

        HttpResponse<String> reply = patch(booked.path("id").asLong(), "{\"start\":\"" + moved + "\"}");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(Instant.parse(json.readTree(reply.body()).path("start").asText())).isEqualTo(moved);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode task = kommo.call(KommoRequest.get("/api/v4/tasks/" + taskId));
            assertThat(task.path("complete_till").asLong()).isEqualTo(moved.getEpochSecond());
            assertThat(meetingField(kommo.call(KommoRequest.get("/api/v4/leads/" + kommoLead))))
                    .isEqualTo(moved.getEpochSecond());
        });
        assertThat(fixtures.tasks(kommoLead).path("_embedded").path("tasks").findValuesAsText("task_type_id"))
                .as("the task moved, no second one").containsOnlyOnce("2");
        assertThat(pendingFollowUps(phone)).containsExactly(
                "MEETING_CONFIRMATION@" + calendar.atLocalTime(later, LocalTime.of(8, 0)));
        assertThat(slotAvailable(day, "09:00", ana)).isTrue();
        assertThat(slotAvailable(later, "16:00", ana)).isFalse();
        assertThat(patch(booked.path("id").asLong(), "{\"start\":\"" + at(later, 20) + "\"}").statusCode()).isEqualTo(400);
        assertThat(patch(987654321L, "{\"start\":\"" + moved + "\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void aCancellationCompletesTheKommoTaskClearsTheDateAndTheConfirmationAndFreesTheSlot() throws Exception {
        String phone = freshPhone();
        qualified(phone);
        long kommoLead = awaitKommoLead(phone);
        LocalDate day = day();
        JsonNode booked = json.readTree(book(phone, at(day, 11), ana).body());
        long taskId = awaitMeetingTask(kommoLead).path("id").asLong();
        awaitFollowUp(phone, "MEETING_CONFIRMATION@" + calendar.atLocalTime(day, LocalTime.of(8, 0)));
        assertThat(slotAvailable(day, "11:00", ana)).isFalse();

        HttpResponse<String> reply = http.send(http.request("/api/meetings/" + booked.path("id").asLong()).DELETE()
                .header("X-Api-Key", Http.API_KEY).build());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(json.readTree(reply.body()).path("status").asText()).isEqualTo("cancelled");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode task = kommo.call(KommoRequest.get("/api/v4/tasks/" + taskId));
            assertThat(task.path("is_completed").asBoolean()).isTrue();
            assertThat(task.path("result").path("text").asText()).isEqualTo("Reunião cancelada");
            assertThat(meetingField(kommo.call(KommoRequest.get("/api/v4/leads/" + kommoLead)))).isNull();
        });
        assertThat(pendingFollowUps(phone)).isEmpty();
        assertThat(slotAvailable(day, "11:00", ana)).isTrue();
        // Kommo reports the completed task back: a cancelled meeting stays cancelled, it was not held.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM inbox WHERE source = 'kommo' AND status = 'done' AND payload LIKE ?")
                .param("%" + taskId + "%status%5D=1%").query(Long.class).single() > 0);
        assertThat(status(booked.path("id").asLong())).isEqualTo("cancelled");
    }

    @Test
    void aMeetingTaskAPersonMakesInKommoTakesItsSlotAndCompletingItMarksItHeld() throws Exception {
        long kommoLead = fixtures.personCreatedLead();
        LocalDate day = day();
        Instant start = at(day, 15);
        long brunoId = map.userId(bruno).orElseThrow();
        assertThat(slotAvailable(day, "15:00", bruno)).isTrue();

        long taskId = kommo.call(KommoRequest.post("/api/v4/tasks", List.of(Map.of("text", "Visita técnica",
                "complete_till", start.getEpochSecond(), "task_type_id", 2, "entity_type", "leads", "entity_id", kommoLead,
                "responsible_user_id", brunoId)))).path("_embedded").path("tasks").get(0).path("id").asLong();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT source || ':' || status || ':' || salesperson_id FROM meeting WHERE kommo_task_id = ?")
                .param(taskId).query(String.class).list()).containsExactly("kommo:scheduled:" + brunoId));
        assertThat(slotAvailable(day, "15:00", bruno)).isFalse();
        String phone = freshPhone();
        qualified(phone);
        HttpResponse<String> clash = book(phone, start, bruno);
        assertThat(clash.statusCode()).as(clash.body()).isEqualTo(409);

        kommo.call(KommoRequest.patch("/api/v4/tasks/" + taskId, Map.of("is_completed", true,
                "result", Map.of("text", "Cliente recebeu a proposta"))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT status FROM meeting WHERE kommo_task_id = ?").param(taskId).query(String.class).single())
                .isEqualTo("held"));
    }

    @Test
    void aMeetingDateAPersonSetsInKommoIsAMeetingOfTheLeadsResponsibleUser() throws Exception {
        long kommoLead = fixtures.personCreatedLead();
        LocalDate day = day();
        Instant start = at(day, 14);
        long carla = map.users().values().stream().skip(2).findFirst().orElseThrow();
        kommo.call(KommoRequest.patch("/api/v4/leads/" + kommoLead, Map.of("responsible_user_id", carla,
                "custom_fields_values", List.of(Map.of("field_id", map.fieldId("meeting_datetime"),
                        "values", List.of(Map.of("value", start.getEpochSecond())))))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT source || ':' || salesperson_id || ':' || extract(epoch FROM start_at)::bigint FROM meeting "
                        + "WHERE kommo_lead_id = ?").param(kommoLead).query(String.class).list())
                .containsExactly("kommo:" + carla + ":" + start.getEpochSecond()));
        JsonNode slots = json.readTree(http.get("/api/meetings/slots?date=" + day, "X-Api-Key", Http.API_KEY).body());
        JsonNode twoPm = slot(slots, "14:00");
        assertThat(twoPm.path("available").asBoolean()).as("others are free").isTrue();
        assertThat(json.convertValue(twoPm.path("salespeople"), List.class)).containsExactly(ana, bruno);
    }

    @Test
    void slotsComeFromTheTableAndBadQueriesAre400() throws Exception {
        LocalDate day = day();
        String phone = freshPhone();
        qualified(phone);
        HttpResponse<String> byTheAgent = post("{\"phone\":\"+" + phone + "\",\"start\":\""
                + at(day, 10).plus(Duration.ofMinutes(30)) + "\",\"salesperson\":\"" + ana + "\",\"source\":\"agent\"}");
        assertThat(byTheAgent.statusCode()).isEqualTo(201);
        assertThat(json.readTree(byTheAgent.body()).path("source").asText()).isEqualTo("agent");

        JsonNode slots = json.readTree(http.get("/api/meetings/slots?date=" + day + "&salesperson=" + ana,
                "X-Api-Key", Http.API_KEY).body());

        assertThat(slots.path("salesperson").asText()).isEqualTo(ana);
        assertThat(slots.path("slots").findValuesAsText("time")).containsExactly("09:00", "10:00", "11:00", "14:00",
                "15:00", "16:00", "17:00");
        for (JsonNode slot : slots.path("slots")) {
            boolean overlaps = slot.path("time").asText().equals("10:00") || slot.path("time").asText().equals("11:00");
            assertThat(slot.path("available").asBoolean()).as(slot.toString()).isEqualTo(!overlaps);
        }
        assertThat(http.get("/api/meetings/slots?date=tomorrow", "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(400);
        assertThat(http.get("/api/meetings/slots?date=" + day + "&salesperson=nobody@example.com", "X-Api-Key",
                Http.API_KEY).statusCode()).isEqualTo(400);
        assertThat(http.get("/api/meetings/slots?date=" + day).statusCode()).as("API key").isEqualTo(401);
        assertThat(http.get("/api/meetings/abc", "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(400);
        assertThat(http.get("/api/meetings/987654321", "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(404);
    }

    /** A Wednesday a few weeks ahead that is a business day, a different week for each test. */
    private LocalDate day() {
        LocalDate day = LocalDate.now(calendar.zone()).plusWeeks(nextWeek.getAndIncrement())
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
        while (!calendar.isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    private Instant at(LocalDate day, int hour) {
        return calendar.atLocalTime(day, LocalTime.of(hour, 0));
    }

    private void qualified(String phone) {
        HttpResponse<String> reply = http.post("/api/leads/qualification", "application/json",
                LeadProfiles.profile(phone, 800, "desconto", "90_dias", "competitor_analysis"), "X-Api-Key", Http.API_KEY);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    }

    private long awaitKommoLead(String phone) {
        await().atMost(Duration.ofSeconds(20)).until(() -> kommoLeadOf(phone) != null);
        return kommoLeadOf(phone);
    }

    private Long kommoLeadOf(String phone) {
        return jdbc.sql("SELECT kommo_lead_id FROM lead WHERE phone_e164 = ?").param("+" + phone)
                .query((rs, n) -> (Long) rs.getObject(1, Long.class)).list().get(0);
    }

    private JsonNode awaitMeetingTask(long kommoLead) {
        await().atMost(Duration.ofSeconds(20)).until(() -> meetingTasks(kommoLead).size() == 1);
        return meetingTasks(kommoLead).get(0);
    }

    private List<JsonNode> meetingTasks(long kommoLead) {
        List<JsonNode> tasks = new ArrayList<>();
        fixtures.tasks(kommoLead).path("_embedded").path("tasks").forEach(t -> {
            if (t.path("task_type_id").asInt() == 2) {
                tasks.add(t);
            }
        });
        return tasks;
    }

    private Long meetingField(JsonNode lead) {
        long field = map.fieldId("meeting_datetime");
        for (JsonNode value : lead.path("custom_fields_values")) {
            if (value.path("field_id").asLong() == field) {
                return value.path("values").get(0).path("value").asLong();
            }
        }
        return null;
    }

    private List<String> pendingFollowUps(String phone) {
        return jdbc.sql("""
                        SELECT f.type || '@' || to_char(f.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                        FROM follow_up f JOIN lead l ON l.id = f.lead_id
                        WHERE l.phone_e164 = ? AND f.status = 'pending' AND f.type LIKE 'MEETING%' ORDER BY f.id""")
                .param("+" + phone).query(String.class).list();
    }

    private void awaitFollowUp(String phone, String... expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(pendingFollowUps(phone)).containsExactly(expected));
    }

    private boolean slotAvailable(LocalDate day, String time, String salesperson) throws Exception {
        JsonNode slots = json.readTree(http.get("/api/meetings/slots?date=" + day + "&salesperson=" + salesperson,
                "X-Api-Key", Http.API_KEY).body());
        return slot(slots, time).path("available").asBoolean();
    }

    private static JsonNode slot(JsonNode slots, String time) {
        for (JsonNode slot : slots.path("slots")) {
            if (slot.path("time").asText().equals(time)) {
                return slot;
            }
        }
        throw new AssertionError("no slot " + time + " in " + slots);
    }

    private String status(long meeting) {
        return jdbc.sql("SELECT status FROM meeting WHERE id = ?").param(meeting).query(String.class).single();
    }

    private long meetings() {
        return jdbc.sql("SELECT count(*) FROM meeting").query(Long.class).single();
    }

    private HttpResponse<String> book(String phone, Instant start, String salesperson) {
        return post(bookingBody(phone, start, salesperson));
    }

    private static String bookingBody(String phone, Instant start, String salesperson) {
        return "{\"phone\":\"+" + phone + "\",\"start\":\"" + start + "\""
                + (salesperson == null ? "" : ",\"salesperson\":\"" + salesperson + "\"") + "}";
    }

    private HttpResponse<String> post(String body) {
        return http.post("/api/meetings", "application/json", body, "X-Api-Key", Http.API_KEY);
    }

    private HttpResponse<String> patch(long id, String body) {
        return http.send(http.request("/api/meetings/" + id).method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("X-Api-Key", Http.API_KEY).build());
    }

    private static void meet(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
