package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.report.IsoWeek;
import com.solarprime.integration.shared.work.ServiceInstance;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.RouteTest;
import com.solarprime.integration.whatsapp.OutboundMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * routes/weekly-report.camel.yaml on the whole service (the log provider, the report group of the test settings): the
 * Monday trigger, a week sent once and kept, the numbers and the chart over HTTP, and an operator's resend. A mock
 * added after the WhatsApp door sees each message that went out.
 */
@RouteTest
class WeeklyReportRouteTest {

    static final String GROUP = "120363000000000001@g.us";
    static final ZoneId RECIFE = ZoneId.of("America/Recife");
    static boolean advised;

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Scheduler quartz;
    @Autowired
    ServiceInstance instance;
    @LocalServerPort
    int port;

    MockEndpoint sent;
    Http http;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void watchTheDoorOut() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "weekly-report-run",
                    route -> route.weaveByToUri("direct:whatsapp-send").after().to("mock:weekly-report-sent"));
            advised = true;
        }
        sent = camel.getEndpoint("mock:weekly-report-sent", MockEndpoint.class);
        sent.reset();
        http = new Http(port);
    }

    @Test
    void theTriggerFiresOnMondaysAtEightInRecifeAndSendsTheWeekThatEnded() throws Exception {
        Map<String, Object> trigger = jdbc.sql("""
                        SELECT c.cron_expression, c.time_zone_id, t.next_fire_time FROM qrtz_cron_triggers c
                        JOIN qrtz_triggers t USING (sched_name, trigger_name, trigger_group)
                        WHERE c.trigger_name = 'weekly-report'""").query().singleRow();
        assertThat(trigger).containsEntry("cron_expression", "0 0 8 ? * MON").containsEntry("time_zone_id", "America/Recife");
        ZonedDateTime now = ZonedDateTime.now(RECIFE);
        ZonedDateTime monday = now.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)).with(LocalTime.of(8, 0));
        ZonedDateTime next = monday.isAfter(now) ? monday : monday.plusWeeks(1);
        assertThat((Long) trigger.get("next_fire_time")).isEqualTo(next.toInstant().toEpochMilli());

        IsoWeek lastWeek = IsoWeek.of(LocalDate.now(RECIFE)).previous();
        sent.expectedMessageCount(1);
        quartz.triggerJob(JobKey.jobKey("weekly-report", "solarprime"));

        sent.assertIsSatisfied();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT status FROM report WHERE week = ?").param(lastWeek.toString()).query(String.class).single())
                .isEqualTo("sent"));
    }

    @Test
    void aWeekGoesOutOnceAsTheChartWithTheTextAsItsCaptionAndIsKept() throws Exception {
        IsoWeek week = new IsoWeek(2026, 20);
        sent.expectedMessageCount(1);

        run(week);
        run(week);

        sent.assertIsSatisfied();
        OutboundMessage message = sent.getReceivedExchanges().get(0).getProperty("message", OutboundMessage.class);
        assertThat(message.to()).isEqualTo(GROUP);
        assertThat(message.image().mimeType()).isEqualTo("image/png");
        assertThat(message.image().fileName()).isEqualTo("funil-2026-W20.png");
        assertThat(ImageIO.read(new ByteArrayInputStream(message.image().bytes()))).isNotNull();
        assertThat(message.text()).startsWith("📊 *RELATÓRIO SEMANAL SOLARPRIME*\n📅 Período: 11/05/2026 a 17/05/2026")
                .endsWith("✨ *Excelente trabalho, equipe!*");
        Map<String, Object> row = jdbc.sql("""
                        SELECT status, text, recipients[1] AS recipient, sends, sent_at IS NOT NULL AS sent, last_error,
                               jsonb_array_length(deliveries) AS deliveries, deliveries -> 0 ->> 'messageId' AS message_id
                        FROM report WHERE week = '2026-W20'""").query().singleRow();
        assertThat(row).containsEntry("status", "sent").containsEntry("text", message.text())
                .containsEntry("recipient", GROUP).containsEntry("sends", 1).containsEntry("sent", true)
                .containsEntry("deliveries", 1).containsEntry("last_error", null);
        assertThat((String) row.get("message_id")).isEqualTo(sent.getReceivedExchanges().get(0).getMessage().getBody());
    }

    @Test
    void theNumbersAndTheChartOfAnyWeekOverHttp() throws Exception {
        HttpResponse<String> numbers = http.get("/api/reports/weekly?week=2026-W22", "X-Api-Key", Http.API_KEY);
        assertThat(numbers.statusCode()).isEqualTo(200);
        assertThat(numbers.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode report = json.readTree(numbers.body());
        assertThat(report.path("week").asText()).isEqualTo("2026-W22");
        assertThat(report.path("from").asText()).isEqualTo("2026-05-25");
        assertThat(report.path("to").asText()).isEqualTo("2026-05-31");
        assertThat(report.path("leads").path("received").asInt()).isZero();
        assertThat(report.path("conversion").path("cohortFrom").asText()).isEqualTo("2026-05-04");
        assertThat(report.path("results").path("revenue").asDouble()).isZero();
        assertThat(report.has("stuck")).isTrue();

        HttpResponse<byte[]> chart = HttpClient.newHttpClient().send(http.request("/api/reports/weekly/2026-W22.png")
                .header("X-Api-Key", Http.API_KEY).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.body()));
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(600);

        assertThat(http.get("/api/reports/weekly?week=2026-W22").statusCode()).isEqualTo(401);
        HttpResponse<String> malformed = http.get("/api/reports/weekly/2026-48.png", "X-Api-Key", Http.API_KEY);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).path("reason").asText()).contains("ISO week such as 2026-W48");
        assertThat(http.get("/api/reports/weekly?week=2026-W99", "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(400);
        assertThat(http.get("/api/reports/weekly?week=2099-W01", "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(400);
        assertThat(http.get("/api/reports/weekly/2026-W22", "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void anOperatorSendsAPastWeekAgainUnlessItIsBeingSentRightNow() throws Exception {
        sent.expectedMessageCount(2);

        HttpResponse<String> first = http.post("/ops/reports/weekly/2026-W21/send", "application/json", "", Http.ADMIN_HEADERS);
        HttpResponse<String> again = http.post("/ops/reports/weekly/2026-W21/send", "application/json", "", Http.ADMIN_HEADERS);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode delivery = json.readTree(again.body());
        assertThat(delivery.path("week").asText()).isEqualTo("2026-W21");
        assertThat(delivery.path("status").asText()).isEqualTo("sent");
        assertThat(delivery.path("recipients").get(0).asText()).isEqualTo("***0001");
        assertThat(delivery.path("messagesSent").asInt()).isEqualTo(1);
        assertThat(delivery.path("sends").asInt()).isEqualTo(2);
        sent.assertIsSatisfied();

        jdbc.sql("UPDATE report SET status = 'sending', claimed_by = ? WHERE week = '2026-W21'").param(instance.id()).update();
        HttpResponse<String> busy = http.post("/ops/reports/weekly/2026-W21/send", "application/json", "", Http.ADMIN_HEADERS);
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(json.readTree(busy.body()).path("reason").asText()).isEqualTo("the report of week 2026-W21 is being sent right now");

        jdbc.sql("UPDATE report SET claimed_by = 'an-instance-that-died' WHERE week = '2026-W21'").update();
        HttpResponse<String> takenOver = http.post("/ops/reports/weekly/2026-W21/send", "application/json", "",
                Http.ADMIN_HEADERS);
        assertThat(json.readTree(takenOver.body()).path("sends").asInt()).isEqualTo(3);

        String thisWeek = IsoWeek.of(LocalDate.now(RECIFE)).toString();
        HttpResponse<String> unfinished = http.post("/ops/reports/weekly/" + thisWeek + "/send", "application/json", "",
                Http.ADMIN_HEADERS);
        assertThat(unfinished.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unfinished.body()).path("reason").asText()).isEqualTo("week " + thisWeek + " has not ended yet");
    }

    /** A firing of the schedule for this week. */
    private void run(IsoWeek week) {
        producer.send("direct:weekly-report-run", exchange -> {
            exchange.getMessage().setBody(week);
            exchange.setProperty("weeklyReportResend", false);
        });
    }
}
