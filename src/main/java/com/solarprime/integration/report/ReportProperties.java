package com.solarprime.integration.report;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the weekly report. When it goes out and to whom is said by {@code routes/weekly-report.camel.yaml},
 * which reads {@code cron} and {@code zone}; the rest is how the numbers are counted and shown.
 *
 * @param cron when the report of the week that just ended goes out (Quartz cron, in {@code zone})
 * @param zone the zone whose Monday-to-Sunday weeks are reported
 * @param recipients WhatsApp numbers that get the report; empty → the report group ({@code WHATSAPP_REPORT_GROUP})
 * @param cohortWeeks conversion counts the leads that came in during this many weeks, ending with the report's
 * @param hotScore a lead scoring at least this is hot
 * @param stuckAfter an open lead that has not changed stage for longer than this is stuck
 * @param stuckListed how many of the longest-stuck leads the message names
 * @param lossReasonsListed how many loss reasons the message lists, the most frequent first
 * @param lossReasons the names of Kommo's loss reasons by id, as the account's settings list them
 * @param chart the funnel chart's size in pixels
 * @param captionLimit the longest text sent as the chart's caption; a longer one follows the chart as its own message
 */
@ConfigurationProperties("solarprime.report")
public record ReportProperties(String cron, ZoneId zone, List<String> recipients, int cohortWeeks, int hotScore,
                               Duration stuckAfter, int stuckListed, int lossReasonsListed, Map<Long, String> lossReasons,
                               Chart chart, int captionLimit) {

    public ReportProperties {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("solarprime.report.cron is missing");
        }
        if (zone == null) {
            throw new IllegalArgumentException("solarprime.report.zone is missing");
        }
        recipients = recipients == null ? List.of()
                : recipients.stream().filter(r -> r != null && !r.isBlank()).map(String::strip).toList();
        if (cohortWeeks < 1) {
            throw new IllegalArgumentException("solarprime.report.cohort-weeks must be at least 1");
        }
        if (stuckAfter == null || stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("solarprime.report.stuck-after must be positive");
        }
        if (stuckListed < 0 || lossReasonsListed < 0) {
            throw new IllegalArgumentException("solarprime.report.stuck-listed and loss-reasons-listed must not be negative");
        }
        lossReasons = lossReasons == null ? Map.of() : Map.copyOf(lossReasons);
        if (chart == null) {
            throw new IllegalArgumentException("solarprime.report.chart is missing");
        }
        if (captionLimit < 1) {
            throw new IllegalArgumentException("solarprime.report.caption-limit must be positive");
        }
    }

    /**
     * @param width in pixels
     * @param height in pixels
     */
    public record Chart(int width, int height) {

        public Chart {
            if (width < 200 || height < 150) {
                throw new IllegalArgumentException("solarprime.report.chart must be at least 200 x 150 pixels");
            }
        }
    }
}
