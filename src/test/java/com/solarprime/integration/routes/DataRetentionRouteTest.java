package com.solarprime.integration.routes;

import static com.solarprime.integration.support.WhatsAppFixtures.freshId;
import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.report.IsoWeek;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.RouteTest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * routes/data-retention.camel.yaml on the whole service with the default periods (webhook payloads 30 days, message
 * texts 180 days): what is old enough goes, everything still needed stays, and the weekly report does not change.
 */
@RouteTest
class DataRetentionRouteTest {

    static final ZoneId RECIFE = ZoneId.of("America/Recife");

    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Scheduler quartz;
    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void processedPayloadsAndOldTextsArePurgedAndEverythingStillNeededStays() {
        long oldDone = inbox("done", days(40));
        long oldIgnored = inbox("ignored", days(31));
        long recentDone = inbox("done", days(5));
        long oldPending = inbox("pending", null);
        long oldFailed = inbox("failed", null);
        long lead = lead();
        // Far from the weeks other tests report on.
        Instant oldSent = days(250);
        long oldMessage = message(lead, "in", "Minha conta é de R$ 900", oldSent);
        long oldReply = message(lead, "out", "Obrigado, Maria!", oldSent.plusSeconds(120));
        long recentMessage = message(lead, "in", "Ainda tenho interesse", days(10));
        IsoWeek oldWeek = IsoWeek.of(LocalDate.ofInstant(oldSent, RECIFE));
        String reportBefore = weekly(oldWeek);
        String lastWeekBefore = weekly(IsoWeek.of(LocalDate.now(RECIFE)).previous());

        @SuppressWarnings("unchecked")
        Map<String, Integer> purged = producer.requestBody("direct:data-retention-run", null, Map.class);

        assertThat(purged.get("webhook-payloads")).isGreaterThanOrEqualTo(2);
        assertThat(purged.get("message-texts")).isGreaterThanOrEqualTo(2);
        assertThat(payload(oldDone)).isNull();
        assertThat(payload(oldIgnored)).isNull();
        assertThat(jdbc.sql("SELECT status FROM inbox WHERE id = ?").param(oldDone).query(String.class).single())
                .as("the row stays, only its body goes").isEqualTo("done");
        assertThat(payload(recentDone)).as("processed 5 days ago").isNotNull();
        assertThat(payload(oldPending)).as("still to be processed").isNotNull();
        assertThat(payload(oldFailed)).as("may be replayed from its dead letter").isNotNull();
        assertThat(text(oldMessage)).isNull();
        assertThat(text(oldReply)).isNull();
        assertThat(text(recentMessage)).isEqualTo("Ainda tenho interesse");
        assertThat(jdbc.sql("SELECT count(*) FROM message WHERE lead_id = ?").param(lead).query(Long.class).single())
                .as("the messages are still counted").isEqualTo(3);
        assertThat(jdbc.sql("SELECT direction || '@' || sent_at FROM message WHERE id = ?").param(oldMessage)
                .query(String.class).single()).startsWith("in@");
        assertThat(weekly(oldWeek)).as("the weekly report of the purged week").isEqualTo(reportBefore);
        assertThat(weekly(IsoWeek.of(LocalDate.now(RECIFE)).previous())).isEqualTo(lastWeekBefore);

        @SuppressWarnings("unchecked")
        Map<String, Integer> again = producer.requestBody("direct:data-retention-run", null, Map.class);
        assertThat(again.values()).as("nothing is purged twice").allMatch(count -> count == 0);
    }

    @Test
    void theJobRunsDailyAtHalfPastThreeInRecifeFromTheClusteredScheduler() throws Exception {
        Map<String, Object> trigger = jdbc.sql("""
                        SELECT c.cron_expression, c.time_zone_id FROM qrtz_cron_triggers c
                        WHERE c.trigger_name = 'data-retention'""").query().singleRow();
        assertThat(trigger).containsEntry("cron_expression", "0 30 3 * * ?").containsEntry("time_zone_id", "America/Recife");
        long old = inbox("done", days(60));
        long oldMessage = message(lead(), "in", "Oi", days(400));

        quartz.triggerJob(JobKey.jobKey("data-retention", "solarprime"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(payload(old)).isNull();
            assertThat(text(oldMessage)).isNull();
        });
    }

    private String weekly(IsoWeek week) {
        HttpResponse<String> reply = http.get("/api/reports/weekly?week=" + week, "X-Api-Key", Http.API_KEY);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    private static Instant days(int ago) {
        return Instant.now().minus(Duration.ofDays(ago));
    }

    private long inbox(String status, Instant processedAt) {
        return jdbc.sql("""
                        INSERT INTO inbox (source, dedupe_key, content_type, payload, status, received_at, processed_at)
                        VALUES ('evolution', ?, 'application/json', '{"pushName":"Maria Souza"}', ?, ?, ?) RETURNING id""")
                .param(freshId()).param(status).param(Timestamp.from(days(90)))
                .param(processedAt == null ? null : Timestamp.from(processedAt)).query(Long.class).single();
    }

    private long lead() {
        return jdbc.sql("INSERT INTO lead (phone_e164, name) VALUES (?, 'Maria Souza') RETURNING id")
                .param("+" + freshPhone()).query(Long.class).single();
    }

    private long message(long lead, String direction, String text, Instant sentAt) {
        return jdbc.sql("""
                        INSERT INTO message (lead_id, provider, provider_message_id, direction, text, sent_at)
                        VALUES (?, 'log', ?, ?, ?, ?) RETURNING id""")
                .param(lead).param(freshId()).param(direction).param(text).param(Timestamp.from(sentAt))
                .query(Long.class).single();
    }

    private String payload(long inbox) {
        return jdbc.sql("SELECT payload FROM inbox WHERE id = ?").param(inbox).query(String.class).list().get(0);
    }

    private String text(long message) {
        return jdbc.sql("SELECT text FROM message WHERE id = ?").param(message).query(String.class).list().get(0);
    }
}
