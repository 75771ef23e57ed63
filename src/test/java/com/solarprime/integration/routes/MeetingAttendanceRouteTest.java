package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.KommoFixtures;
import com.solarprime.integration.support.RouteTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * routes/meeting-attendance.camel.yaml against the Kommo sandbox with its webhooks dropped, so that only the check
 * itself can learn what happened: meetings that started (rows written as Kommo's webhooks would have left them) are
 * marked held, no-show or confirmed by the rules, their tasks' state read from Kommo.
 */
@RouteTest
// The context of the webhook and automation tests, with its secret.
@TestPropertySource(properties = "solarprime.kommo.webhook-secret=automation-secret")
class MeetingAttendanceRouteTest {

    /** Each meeting here has a salesperson of its own, so that none overlaps another. */
    private static final AtomicLong nextSalesperson = new AtomicLong(900_000_000L);

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KommoClient kommo;
    @Autowired
    AccountMap map;
    @LocalServerPort
    int port;

    KommoFixtures fixtures;
    long salesperson;

    @BeforeEach
    void setUp() {
        fixtures = new KommoFixtures(kommo, map, new Http(port));
        fixtures.admin("/webhooks/drop", "{\"drop\":true}");
        salesperson = map.users().values().iterator().next();
    }

    @AfterEach
    void webhooksBack() {
        fixtures.admin("/webhooks/drop", "{\"drop\":false}");
    }

    @Test
    void aMeetingWhoseTaskWasCompletedInKommoWasHeldThoughTheWebhookWasLost() {
        long lead = fixtures.personCreatedLead();
        Instant start = Instant.now().minus(Duration.ofHours(5));
        long task = meetingTask(lead, start);
        long meeting = meeting(lead, start, task);
        kommo.call(KommoRequest.patch("/api/v4/tasks/" + task, Map.of("is_completed", true,
                "result", Map.of("text", "Reunião realizada"))));

        check();

        assertThat(status(meeting)).isEqualTo("held");
    }

    @Test
    void aMeetingStillOpenAfterTheGracePeriodWasANoShowAndOneWithinItWaits() {
        long lead = fixtures.personCreatedLead();
        long other = fixtures.personCreatedLead();
        long missed = meeting(lead, Instant.now().minus(Duration.ofHours(3)).minusSeconds(60),
                meetingTask(lead, Instant.now().minus(Duration.ofHours(3))));
        long recent = meeting(other, Instant.now().minus(Duration.ofMinutes(90)), null);

        check();

        assertThat(status(missed)).isEqualTo("no_show");
        assertThat(status(recent)).as("ended 30 min ago, within the 2 h grace").isEqualTo("scheduled");
    }

    @Test
    void aLeadMovedOnWithoutCompletingTheMeetingTaskWasANoShow() {
        long lead = fixtures.personCreatedLead();
        long meeting = meeting(lead, Instant.now().minus(Duration.ofMinutes(10)), meetingTask(lead, Instant.now()));
        long notMoved = fixtures.personCreatedLead();
        long waiting = meeting(notMoved, Instant.now().minus(Duration.ofMinutes(10)), null);
        String moved = fixtures.statusForm(lead, map.statusId("IN_NEGOTIATION"), map.statusId("MEETING_SCHEDULED"),
                Instant.now().getEpochSecond());
        assertThat(new Http(port).post("/webhooks/kommo/automation-secret", "application/x-www-form-urlencoded", moved)
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM stage_history WHERE kommo_lead_id = ?")
                .param(lead).query(Long.class).single() == 1);

        check();

        assertThat(status(meeting)).isEqualTo("no_show");
        assertThat(status(waiting)).isEqualTo("scheduled");
    }

    @Test
    void aScheduledMeetingOfALeadAtReuniaoConfirmadaIsConfirmed() {
        long lead = fixtures.personCreatedLead();
        long meeting = meeting(lead, Instant.now().plus(Duration.ofDays(3)), null);
        jdbc.sql("INSERT INTO kommo_lead (id, pipeline_id, status_id) VALUES (?, ?, ?) "
                        + "ON CONFLICT (id) DO UPDATE SET status_id = EXCLUDED.status_id")
                .params(lead, map.pipelineId(), map.statusId("MEETING_CONFIRMED")).update();

        check();

        assertThat(status(meeting)).isEqualTo("confirmed");
    }

    @Test
    void aTaskKommoNoLongerHasDecidesNothingByItself() {
        long lead = fixtures.personCreatedLead();
        long meeting = meeting(lead, Instant.now().minus(Duration.ofMinutes(20)), 987_654_321L);

        check();

        assertThat(status(meeting)).isEqualTo("scheduled");
    }

    private void check() {
        NotifyBuilder done = new NotifyBuilder(camel).fromCurrentRoute("meeting-attendance-record").whenCompleted(1).create();
        producer.sendBody("direct:meeting-attendance-run", null);
        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
    }

    private long meetingTask(long lead, Instant due) {
        return kommo.call(KommoRequest.post("/api/v4/tasks", List.of(Map.of("text", "Reunião", "complete_till",
                due.getEpochSecond(), "task_type_id", 2, "entity_type", "leads", "entity_id", lead,
                "responsible_user_id", salesperson)))).path("_embedded").path("tasks").get(0).path("id").asLong();
    }

    /** A meeting of an hour made in Kommo, as its webhook would have recorded it. */
    private long meeting(long lead, Instant start, Long task) {
        return jdbc.sql("""
                        INSERT INTO meeting (kommo_lead_id, salesperson_id, start_at, end_at, source, kommo_task_id, created_at)
                        VALUES (?, ?, ?, ?, 'kommo', ?, ?) RETURNING id""")
                .params(lead, nextSalesperson.incrementAndGet(), Timestamp.from(start),
                        Timestamp.from(start.plus(Duration.ofHours(1))), task,
                        Timestamp.from(start.minus(Duration.ofDays(1))))
                .query(Long.class).single();
    }

    private String status(long meeting) {
        return jdbc.sql("SELECT status FROM meeting WHERE id = ?").param(meeting).query(String.class).single();
    }
}
