package com.solarprime.integration.followup;

import com.solarprime.integration.calendar.BusinessCalendar;
import com.solarprime.integration.kommo.KommoOutbox;
import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.shared.LogSanitizer;
import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.shared.SharedRate;
import com.solarprime.integration.shared.TextTemplate;
import com.solarprime.integration.whatsapp.Messages;
import com.solarprime.integration.whatsapp.OutboundMessage;
import com.solarprime.integration.whatsapp.WhatsAppGateway;
import com.solarprime.integration.whatsapp.WhatsAppProperties;
import com.solarprime.integration.whatsapp.WhatsAppSendException;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends due follow-ups. Rows are claimed in one statement ({@code FOR UPDATE SKIP LOCKED}), so any number of
 * dispatchers never send one twice; each is checked against the lead's current state right before sending.
 */
@Component("followUpDispatcher")
public class FollowUpDispatcher {

    private static final Logger log = LoggerFactory.getLogger(FollowUpDispatcher.class);
    private static final Duration WINDOW = Duration.ofHours(24);
    private static final String GAVE_UP_NOTE = "templates/followup/gave-up-note.txt";
    private static final String SENT_NOTE = "templates/followup/sent-note.txt";

    /** A claimed follow-up. */
    record Claim(long id, long leadId, FollowUpType type, Instant dueAt, String text, int attempts,
                 Instant sendStartedAt, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final Leads leads;
    private final Messages messages;
    private final WhatsAppGateway gateway;
    private final FollowUpTemplates templates;
    private final BusinessCalendar calendar;
    private final FollowUpProperties properties;
    private final WhatsAppProperties whatsapp;
    private final KommoOutbox outbox;
    private final FollowUps followUps;
    private final SharedRate rate;
    private final Clock clock;
    private final ExecutorService senders;
    private final TextTemplate gaveUpNote = TextTemplate.fromClasspath(GAVE_UP_NOTE);
    private final TextTemplate sentNote = TextTemplate.fromClasspath(SENT_NOTE);

    public FollowUpDispatcher(JdbcClient jdbc, Leads leads, Messages messages, WhatsAppGateway gateway,
                              FollowUpTemplates templates, BusinessCalendar calendar, FollowUpProperties properties,
                              WhatsAppProperties whatsapp, KommoOutbox outbox, FollowUps followUps, SharedRate rate,
                              Clock clock) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.messages = messages;
        this.gateway = gateway;
        this.templates = templates;
        this.calendar = calendar;
        this.properties = properties;
        this.whatsapp = whatsapp;
        this.outbox = outbox;
        this.followUps = followUps;
        this.rate = rate;
        this.clock = clock;
        this.senders = Executors.newFixedThreadPool(properties.sendConcurrency(), r -> {
            Thread t = new Thread(r, "follow-up-sender");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * One dispatcher run: claims due batches until none is full, sending a batch's follow-ups in parallel
     * (the shared rate budget, not this parallelism, sets the pace). Returns how many were sent.
     */
    public int dispatch() throws InterruptedException {
        int sent = 0;
        List<Claim> batch;
        do {
            batch = claim();
            List<Callable<Boolean>> sends = batch.stream().<Callable<Boolean>>map(claim -> () -> handle(claim)).toList();
            for (Future<Boolean> result : senders.invokeAll(sends)) {
                try {
                    sent += result.get() ? 1 : 0;
                } catch (ExecutionException e) {
                    log.error("Follow-up send failed unexpectedly: {}", LogSanitizer.clean(String.valueOf(e.getCause())));
                }
            }
        } while (batch.size() == properties.batchSize());
        return sent;
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    List<Claim> claim() {
        return jdbc.sql("""
                        UPDATE follow_up SET status = 'claimed', claimed_at = now(), attempts = attempts + 1
                        WHERE id IN (
                            SELECT id FROM follow_up
                            WHERE (status = 'pending' AND due_at <= :now)
                               OR (status = 'claimed' AND claimed_at < now() - make_interval(secs => :timeout))
                            ORDER BY due_at, id LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        RETURNING id, lead_id, type, due_at, text, attempts, send_started_at, created_at""")
                .param("now", Timestamp.from(clock.instant()))
                .param("timeout", properties.claimTimeout().toSeconds())
                .param("limit", properties.batchSize())
                .query((rs, n) -> new Claim(rs.getLong(1), rs.getLong(2), FollowUpType.valueOf(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getInt(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()))
                .list();
    }

    private boolean handle(Claim claim) throws InterruptedException {
        Lead lead = leads.byId(claim.leadId());
        if (claim.sendStartedAt() != null) {
            return settleInterrupted(claim, lead);
        }
        Optional<String> refusal = refusal(claim, lead);
        if (refusal.isPresent()) {
            cancel(claim, refusal.get());
            return false;
        }
        Instant now = clock.instant();
        if (!calendar.isOpen(now)) {
            postpone(claim, calendar.nextOpening(now));
            return false;
        }
        String text = templates.render(claim.type(), lead.name(), claim.text());
        Optional<OutboundMessage> message = message(claim, lead, text, now);
        if (message.isEmpty()) {
            fail(claim, "outside the 24-hour window and no approved template is configured for " + claim.type());
            return false;
        }
        rate.acquire("whatsapp", properties.providerRatePerSecond());
        jdbc.sql("UPDATE follow_up SET send_started_at = now() WHERE id = ?").param(claim.id()).update();
        try {
            String providerId = gateway.send(message.get());
            sent(claim, lead, providerId, text);
            return true;
        } catch (WhatsAppSendException e) {
            if (e.retryable() && claim.attempts() < properties.maxAttempts()) {
                retry(claim, e);
            } else {
                fail(claim, e.getMessage());
            }
            return false;
        }
    }

    /** Why this follow-up must not go out any more, checked against the lead as it is now. */
    private Optional<String> refusal(Claim claim, Lead lead) {
        if (lead.optedOut()) {
            return Optional.of("lead opted out");
        }
        if (FollowUps.closed(lead)) {
            return Optional.of("lead closed (" + lead.stage() + ")");
        }
        if (claim.type().cancelledByReply() && lead.lastInboundAt() != null && lead.lastInboundAt().isAfter(claim.createdAt())) {
            return Optional.of("lead replied");
        }
        return Optional.empty();
    }

    /** Meta allows free text only within 24 hours of the lead's last message; after that, an approved template. */
    private Optional<OutboundMessage> message(Claim claim, Lead lead, String text, Instant now) {
        String to = PhoneNumbers.sendDigits(lead.phoneE164(), lead.whatsappJid());
        boolean windowClosed = lead.lastInboundAt() == null || lead.lastInboundAt().plus(WINDOW).isBefore(now);
        if (!"meta".equals(whatsapp.provider()) || !windowClosed) {
            return Optional.of(OutboundMessage.text(to, text));
        }
        return properties.metaTemplate(claim.type()).map(t -> new OutboundMessage(to, text,
                new OutboundMessage.Template(t.name(), t.language(),
                        List.of(FollowUpTemplates.firstName(lead.name()).orElse("")))));
    }

    private void sent(Claim claim, Lead lead, String providerId, String text) {
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE follow_up SET status = 'sent', sent_at = :now, provider_message_id = :provider,
                            last_error = NULL WHERE id = :id""")
                .param("now", Timestamp.from(now)).param("provider", providerId).param("id", claim.id()).update();
        messages.store(lead.id(), gateway.provider(), providerId, "out", "text", text, now);
        leads.touched(lead.id(), false, now);
        outbox.note(lead.id(), sentNote.render(Map.of("tipo", claim.type().name())), "follow-up-sent:" + claim.id());
        outbox.updateLead(lead.id());
        log.info("Follow-up {} ({}) sent to lead {}", claim.id(), claim.type(), lead.id());
        if (claim.type() == FollowUpType.DAILY) {
            followUps.schedule(lead.id(), FollowUpType.DAILY, now.plus(properties.dailyDelay()), null,
                    "cadence-next:" + claim.id());
        }
        giveUpWhenUnanswered(lead);
    }

    /**
     * After the configured number of follow-ups without any reply the lead is lost: the cadence tools
     * salespeople trust stop there too.
     */
    private void giveUpWhenUnanswered(Lead lead) {
        long unanswered = jdbc.sql("""
                        SELECT count(*) FROM follow_up f JOIN lead l ON l.id = f.lead_id
                        WHERE f.lead_id = ? AND f.status = 'sent' AND f.type IN ('IMMEDIATE', 'DAILY', 'REENGAGEMENT', 'PROPOSAL')
                          AND (l.last_inbound_at IS NULL OR f.sent_at > l.last_inbound_at)""")
                .param(lead.id()).query(Long.class).single();
        if (unanswered < properties.maxUnanswered()) {
            return;
        }
        int changed = jdbc.sql("UPDATE lead SET local_stage = 'LOST', updated_at = now() WHERE id = ? AND local_stage <> 'LOST'")
                .param(lead.id()).update();
        if (changed == 0) {
            return;
        }
        jdbc.sql("UPDATE follow_up SET status = 'cancelled', cancel_reason = 'lead lost after unanswered follow-ups' "
                + "WHERE lead_id = ? AND status = 'pending'").param(lead.id()).update();
        outbox.note(lead.id(), gaveUpNote.render(Map.of("max", properties.maxUnanswered())), "gave-up:" + lead.id());
        outbox.updateLead(lead.id());
        log.info("Lead {} marked lost after {} unanswered follow-ups", lead.id(), unanswered);
    }

    /**
     * The instance that claimed this died after it had started sending, so the provider may have the message.
     * The provider echoes what we send (Evolution reports it as our own message): with that trace it counts as
     * sent; without it, it is not sent again (a duplicate is worse than a missed nudge) but marked failed,
     * visible to operators. A claim that died before sending is simply taken over and sent.
     */
    private boolean settleInterrupted(Claim claim, Lead lead) {
        Optional<String> echoed = jdbc.sql("""
                        SELECT provider_message_id FROM message
                        WHERE lead_id = ? AND direction = 'out' AND created_at >= ? ORDER BY id LIMIT 1""")
                .param(lead.id()).param(Timestamp.from(claim.sendStartedAt())).query(String.class).optional();
        if (echoed.isPresent()) {
            jdbc.sql("UPDATE follow_up SET status = 'sent', sent_at = now(), provider_message_id = ? WHERE id = ?")
                    .param(echoed.get()).param(claim.id()).update();
        } else {
            fail(claim, "interrupted while sending; not sent again in case the provider had it");
        }
        return false;
    }

    private void cancel(Claim claim, String reason) {
        jdbc.sql("UPDATE follow_up SET status = 'cancelled', cancel_reason = ? WHERE id = ?").param(reason).param(claim.id()).update();
    }

    private void postpone(Claim claim, Instant opening) {
        jdbc.sql("UPDATE follow_up SET status = 'pending', due_at = ?, attempts = attempts - 1 WHERE id = ?")
                .param(Timestamp.from(opening)).param(claim.id()).update();
    }

    private void retry(Claim claim, WhatsAppSendException e) {
        long backoff = properties.retryBackoff().toSeconds() * (1L << Math.min(claim.attempts() - 1, 16));
        jdbc.sql("""
                        UPDATE follow_up SET status = 'pending', send_started_at = NULL, last_error = :error,
                            due_at = now() + make_interval(secs => :backoff) WHERE id = :id""")
                .param("error", LogSanitizer.clean(e.getMessage())).param("backoff", backoff).param("id", claim.id()).update();
        log.warn("Follow-up {} will be retried in {} s: {}", claim.id(), backoff, LogSanitizer.clean(e.getMessage()));
    }

    private void fail(Claim claim, String reason) {
        jdbc.sql("UPDATE follow_up SET status = 'failed', last_error = ? WHERE id = ?")
                .param(LogSanitizer.clean(reason)).param(claim.id()).update();
        log.warn("Follow-up {} failed: {}", claim.id(), LogSanitizer.clean(reason));
    }
}
