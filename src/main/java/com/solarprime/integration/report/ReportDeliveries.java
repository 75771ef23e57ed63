package com.solarprime.integration.report;

import com.solarprime.integration.shared.ClientError;
import com.solarprime.integration.shared.LogSanitizer;
import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.shared.work.ServiceInstance;
import com.solarprime.integration.shared.work.WorkProperties;
import com.solarprime.integration.whatsapp.OutboundMessage;
import com.solarprime.integration.whatsapp.WhatsAppProperties;
import com.solarprime.integration.whatsapp.WhatsAppSendException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code report} row of each week: claimed before anything is sent, so that a week goes out once whichever
 * instances fire, and keeping what was sent, to whom, and what the provider said.
 */
@Component("reportDeliveries")
public class ReportDeliveries {

    private static final Logger log = LoggerFactory.getLogger(ReportDeliveries.class);
    private static final String RETURNING = "week, status, recipients, sends, sent_at, last_error, "
            + "(SELECT count(*) FROM jsonb_array_elements(deliveries) d WHERE d ->> 'messageId' IS NOT NULL) AS delivered";

    private final JdbcClient jdbc;
    private final ServiceInstance instance;
    private final WorkProperties work;
    private final ReportProperties settings;
    private final WhatsAppProperties whatsapp;

    public ReportDeliveries(JdbcClient jdbc, ServiceInstance instance, WorkProperties work, ReportProperties settings,
                            WhatsAppProperties whatsapp) {
        this.jdbc = jdbc;
        this.instance = instance;
        this.work = work;
        this.settings = settings;
        this.whatsapp = whatsapp;
    }

    /** A claimed week: the messages to send, the chart first. */
    public record Claim(IsoWeek week, List<OutboundMessage> messages) {
    }

    /** What became of a week's report. Recipients are masked. */
    public record Delivery(IsoWeek week, String status, List<String> recipients, int messagesSent, int sends,
                           Instant sentAt, String lastError) {
    }

    /** The configured numbers, else the report group; empty when neither is set. */
    public List<String> recipients() {
        if (!settings.recipients().isEmpty()) {
            return settings.recipients();
        }
        String group = whatsapp.reportGroup();
        return group == null || group.isBlank() ? List.of() : List.of(group.strip());
    }

    /**
     * Claims the week and keeps what will be sent, in one statement. The scheduled run claims a week only once: null
     * when it was claimed before (by another instance, or an earlier firing). An operator's resend takes it again
     * unless it is being sent right now by a live instance (409).
     */
    public Claim claim(PreparedReport report, boolean resend) {
        List<String> recipients = recipients();
        String insert = """
                INSERT INTO report (week, status, text, chart, recipients, claimed_by, claimed_at)
                VALUES (:week, 'sending', :text, :chart, :recipients, :instance, now())
                ON CONFLICT (week) DO""";
        String onConflict = resend ? """
                 UPDATE SET status = 'sending', text = EXCLUDED.text, chart = EXCLUDED.chart,
                    recipients = EXCLUDED.recipients, deliveries = '[]', sends = report.sends + 1, last_error = NULL,
                    sent_at = NULL, claimed_by = EXCLUDED.claimed_by, claimed_at = now()
                WHERE report.status <> 'sending' OR report.claimed_by IS NULL OR report.claimed_by NOT IN (
                    SELECT id FROM service_instance WHERE heartbeat_at > now() - make_interval(secs => :timeout))"""
                : " NOTHING";
        boolean claimed = jdbc.sql(insert + onConflict + " RETURNING week")
                .param("week", report.week().toString()).param("text", report.text()).param("chart", report.chart())
                .param("recipients", recipients.toArray(String[]::new)).param("instance", instance.id())
                .param("timeout", work.instanceTimeout().toSeconds())
                .query(String.class).optional().isPresent();
        if (!claimed) {
            if (resend) {
                throw new ClientError(409, "the report of week " + report.week() + " is being sent right now");
            }
            log.info("Weekly report of {} was claimed before: not sent again", report.week());
            return null;
        }
        OutboundMessage.Image chart = new OutboundMessage.Image(report.chart(), "image/png",
                "funil-" + report.week() + ".png");
        boolean fitsAsCaption = report.text().length() <= settings.captionLimit();
        List<OutboundMessage> messages = new ArrayList<>();
        for (String recipient : recipients) {
            messages.add(OutboundMessage.image(recipient, chart, fitsAsCaption ? report.text() : report.caption()));
            if (!fitsAsCaption) {
                messages.add(OutboundMessage.text(recipient, report.text()));
            }
        }
        return new Claim(report.week(), messages);
    }

    /** The provider took one message. */
    public void delivered(IsoWeek week, OutboundMessage message, String providerMessageId) {
        record(week, message, "messageId", providerMessageId, null);
    }

    /** The provider refused one message; the others are still sent. */
    public void failed(IsoWeek week, OutboundMessage message, WhatsAppSendException error) {
        String reason = LogSanitizer.clean(error.getMessage());
        log.warn("Weekly report of {} to {} was refused ({}): {}", week, PhoneNumbers.mask(message.to()),
                error.retryable() ? "retryable" : "permanent", reason);
        record(week, message, "error", reason, reason);
    }

    /** Every message was tried: sent when all went out, failed otherwise (or when there was nobody to send to). */
    public Delivery finish(IsoWeek week) {
        Delivery delivery = jdbc.sql("""
                        UPDATE report SET
                            status = CASE WHEN cardinality(recipients) = 0 OR last_error IS NOT NULL
                                          THEN 'failed' ELSE 'sent' END,
                            last_error = CASE WHEN cardinality(recipients) = 0
                                              THEN 'no recipients: set WHATSAPP_REPORT_GROUP or solarprime.report.recipients'
                                              ELSE last_error END,
                            sent_at = CASE WHEN last_error IS NULL AND cardinality(recipients) > 0 THEN now() END,
                            claimed_by = NULL
                        WHERE week = ? RETURNING\s""" + RETURNING)
                .param(week.toString()).query(ReportDeliveries::delivery).single();
        if ("sent".equals(delivery.status())) {
            log.info("Weekly report of {} sent to {} recipient(s)", week, delivery.recipients().size());
        } else {
            log.warn("Weekly report of {} not sent to everyone: {}", week, delivery.lastError());
        }
        return delivery;
    }

    /** Sending stopped on an unexpected error: failed with it, for an operator to resend. */
    public Delivery interrupted(IsoWeek week, Exception error) {
        String reason = LogSanitizer.clean(String.valueOf(error.getMessage()));
        log.error("Weekly report of {} interrupted: {}", week, reason);
        return jdbc.sql("UPDATE report SET status = 'failed', last_error = ?, claimed_by = NULL WHERE week = ? RETURNING "
                        + RETURNING)
                .params(reason, week.toString()).query(ReportDeliveries::delivery).single();
    }

    private void record(IsoWeek week, OutboundMessage message, String outcome, String value, String error) {
        jdbc.sql("""
                        UPDATE report SET deliveries = deliveries || jsonb_build_array(jsonb_build_object(
                                'to', CAST(:to AS text), 'kind', CAST(:kind AS text), CAST(:outcome AS text),
                                CAST(:value AS text), 'at', now())),
                            last_error = COALESCE(CAST(:error AS text), last_error)
                        WHERE week = :week""")
                .param("to", message.to()).param("kind", message.image() == null ? "text" : "image")
                .param("outcome", outcome).param("value", value).param("error", error).param("week", week.toString())
                .update();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        Timestamp sentAt = rs.getTimestamp("sent_at");
        return new Delivery(IsoWeek.parse(rs.getString("week")).orElseThrow(), rs.getString("status"),
                Arrays.stream((String[]) rs.getArray("recipients").getArray()).map(PhoneNumbers::mask).toList(),
                rs.getInt("delivered"), rs.getInt("sends"), sentAt == null ? null : sentAt.toInstant(),
                rs.getString("last_error"));
    }
}
