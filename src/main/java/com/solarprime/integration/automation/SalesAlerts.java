package com.solarprime.integration.automation;

import com.solarprime.integration.kommo.KommoOutbox;
import com.solarprime.integration.shared.LogSanitizer;
import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.shared.work.WorkQueue;
import com.solarprime.integration.whatsapp.OutboundMessage;
import com.solarprime.integration.whatsapp.WhatsAppProperties;
import com.solarprime.integration.whatsapp.WhatsAppSendException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * WhatsApp alerts to the sales team, as rows of {@code notification}: queued with the stage change's actions (once
 * per key, so a change handled again alerts once), then sent by the {@code sales-alerts} route. An alert WhatsApp
 * cannot deliver (Meta takes no group and no free text outside a number's 24-hour window, or the provider refuses
 * the number) becomes a Kommo task for the responsible salesperson, and the alert says so ({@code fallback}). An
 * alert whose instance died while sending is not sent again.
 */
@Component("salesAlerts")
public class SalesAlerts {

    /** Exchange property holding the alert being sent. */
    public static final String CLAIMED = "alert";
    private static final Logger log = LoggerFactory.getLogger(SalesAlerts.class);

    /** A claimed alert. */
    public record Claimed(long id, String destination, String text, int attempts, boolean interrupted, Long kommoLeadId,
                          Long userId) {

        boolean toGroup() {
            return destination.contains("@") || destination.contains("-");
        }
    }

    private final JdbcClient jdbc;
    private final WorkQueue queue;
    private final AutomationProperties automation;
    private final WhatsAppProperties whatsapp;
    private final KommoOutbox outbox;
    private final Clock clock;

    public SalesAlerts(JdbcClient jdbc, @Qualifier("alertQueue") WorkQueue queue, AutomationProperties automation,
                       WhatsAppProperties whatsapp, KommoOutbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.automation = automation;
        this.whatsapp = whatsapp;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Queues an alert about a lead of this Kommo user: to the user's number, else the sales group. */
    public void queue(String key, Long userId, String text, Long leadId, long kommoLeadId) {
        Optional<String> destination = automation.alertDestination(userId);
        if (destination.isEmpty()) {
            log.info("Alert {} not queued: no salesperson number nor sales group configured", key);
            return;
        }
        String to = destination.get().contains("@") || destination.get().contains("-") ? destination.get()
                : PhoneNumbers.tryE164(destination.get()).map(p -> p.substring(1)).orElse(destination.get());
        jdbc.sql("""
                        INSERT INTO notification (dedupe_key, destination, text, lead_id, kommo_lead_id, user_id)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING""")
                .params(key, to, text, leadId, kommoLeadId, userId).update();
    }

    /** Due alerts; an empty claim tells the scheduler not to look again at once. */
    public List<Claimed> claim(Exchange exchange) {
        List<Claimed> claimed = queue.claim(exchange, "id, destination, text, attempts, send_started_at, kommo_lead_id, user_id",
                (rs, n) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getTimestamp(5) != null,
                        (Long) rs.getObject(6, Long.class), (Long) rs.getObject(7, Long.class)));
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !claimed.isEmpty());
        return claimed;
    }

    /** Whether WhatsApp can take it: not with Meta to a group, nor with Meta and no approved template for alerts. */
    public boolean viaWhatsApp(Claimed alert) {
        return !meta() || (!alert.toGroup() && automation.metaAlertTemplate() != null);
    }

    /** The message to send, or null when the alert must not be sent (again). */
    public OutboundMessage message(Claimed alert) {
        if (alert.interrupted()) {
            queue.fail(alert.id(), "interrupted while sending; not sent again in case the provider had it");
            return null;
        }
        jdbc.sql("UPDATE notification SET send_started_at = now() WHERE id = ?").param(alert.id()).update();
        if (!meta()) {
            return OutboundMessage.text(alert.destination(), alert.text());
        }
        // A template parameter may not hold line breaks.
        return new OutboundMessage(alert.destination(), alert.text(), new OutboundMessage.Template(
                automation.metaAlertTemplate().name(), automation.metaAlertTemplate().language(),
                List.of(alert.text().replaceAll("\\s*\\n\\s*", " · "))));
    }

    public void sent(Exchange exchange) {
        Claimed alert = exchange.getProperty(CLAIMED, Claimed.class);
        jdbc.sql("UPDATE notification SET status = 'sent', claimed_by = NULL, sent_at = now(), last_error = NULL WHERE id = ?")
                .param(alert.id()).update();
    }

    /** The provider did not take it: tried again later when that can help, else the alert goes to Kommo. */
    public void failed(Exchange exchange) {
        Claimed alert = exchange.getProperty(CLAIMED, Claimed.class);
        WhatsAppSendException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WhatsAppSendException.class);
        String reason = e == null ? "unknown" : e.getMessage();
        jdbc.sql("UPDATE notification SET send_started_at = NULL WHERE id = ?").param(alert.id()).update();
        log.warn("Alert {} could not be sent: {}", alert.id(), LogSanitizer.clean(reason));
        if (e != null && e.retryable() && queue.retry(alert.id(), alert.attempts(), reason) == WorkQueue.Retry.LATER) {
            return;
        }
        toKommoTask(alert, "WhatsApp refused it: " + reason);
    }

    /** The salesperson gets the alert as a Kommo task on the lead, due now; the alert records why. */
    public void toKommoTask(Claimed alert) {
        toKommoTask(alert, meta() && alert.toGroup() ? "Meta sends no message to a group"
                : "no approved Meta template for alerts (solarprime.automation.meta-alert-template)");
    }

    private void toKommoTask(Claimed alert, String why) {
        if (alert.kommoLeadId() == null) {
            queue.fail(alert.id(), why + "; no Kommo lead to put a task on");
            return;
        }
        outbox.task(null, alert.kommoLeadId(), alert.text(), clock.instant(), 1, alert.userId(), "alert-task:" + alert.id());
        jdbc.sql("UPDATE notification SET status = 'fallback', claimed_by = NULL, last_error = ? WHERE id = ?")
                .param(LogSanitizer.clean("sent as a Kommo task instead: " + why)).param(alert.id()).update();
    }

    private boolean meta() {
        return "meta".equals(whatsapp.provider());
    }
}
