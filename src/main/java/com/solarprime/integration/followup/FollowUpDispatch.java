package com.solarprime.integration.followup;

import com.solarprime.integration.calendar.BusinessCalendar;
import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.qualification.LocalStage;
import com.solarprime.integration.shared.LogSanitizer;
import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.shared.SharedRate;
import com.solarprime.integration.shared.TextTemplate;
import com.solarprime.integration.shared.work.WorkQueue;
import com.solarprime.integration.whatsapp.OutboundMessage;
import com.solarprime.integration.whatsapp.WhatsAppProperties;
import com.solarprime.integration.whatsapp.WhatsAppSendException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of the follow-up dispatcher ({@code routes/follow-ups.camel.yaml}). Due rows are claimed through the
 * {@code follow-ups} work queue, so any number of dispatchers never send one twice; each is checked against the
 * lead's current state right before sending, and what a sent one changes here commits in one transaction.
 */
@Component("followUpDispatch")
public class FollowUpDispatch {

    /** Exchange property: whether the last claim was a full batch (the dispatcher claims again at once). */
    public static final String FULL_BATCH = "followUpsFullBatch";
    /** Exchange property holding the decision about the follow-up being sent. */
    public static final String DECISION = "followUp";
    private static final Logger log = LoggerFactory.getLogger(FollowUpDispatch.class);
    private static final Duration WINDOW = Duration.ofHours(24);

    /** A claimed follow-up. */
    public record Claim(long id, long leadId, FollowUpType type, Instant dueAt, String text, int attempts,
                        Instant sendStartedAt, Instant createdAt) {
    }

    /** What to do with a claimed follow-up. */
    public enum Outcome { SEND, CANCEL, POSTPONE, FAIL, INTERRUPTED }

    /**
     * @param reason why it is not sent (cancel, fail)
     * @param at when to try again (postpone)
     * @param message what to send (send)
     */
    public record Decision(Claim claim, Outcome outcome, String reason, Instant at, OutboundMessage message) {

        public boolean isSend() {
            return outcome == Outcome.SEND;
        }
    }

    /**
     * A follow-up the provider took.
     *
     * @param providerMessageId the provider's id of the message
     * @param text what was said
     * @param note the Kommo note about it, keyed by {@code noteKey}
     */
    public record Sent(long followUpId, long leadId, FollowUpType type, String providerMessageId, String text,
                       Instant sentAt, String note, String noteKey) {
    }

    private final WorkQueue queue;
    private final JdbcClient jdbc;
    private final Leads leads;
    private final FollowUpTemplates templates;
    private final BusinessCalendar calendar;
    private final FollowUpProperties properties;
    private final WhatsAppProperties whatsapp;
    private final SharedRate rate;
    private final Clock clock;
    private final TextTemplate sentNote = TextTemplate.fromClasspath("templates/followup/sent-note.txt");
    private final TextTemplate gaveUpNote = TextTemplate.fromClasspath("templates/followup/gave-up-note.txt");

    public FollowUpDispatch(@Qualifier("followUpQueue") WorkQueue queue, JdbcClient jdbc, Leads leads,
                            FollowUpTemplates templates, BusinessCalendar calendar, FollowUpProperties properties,
                            WhatsAppProperties whatsapp, SharedRate rate, Clock clock) {
        this.queue = queue;
        this.jdbc = jdbc;
        this.leads = leads;
        this.templates = templates;
        this.calendar = calendar;
        this.properties = properties;
        this.whatsapp = whatsapp;
        this.rate = rate;
        this.clock = clock;
    }

    /** Due follow-ups, earliest first. */
    public List<Claim> claim(Exchange exchange) {
        List<Claim> claims = queue.claim(exchange, "id, lead_id, type, due_at, text, attempts, send_started_at, created_at",
                (rs, n) -> new Claim(rs.getLong(1), rs.getLong(2), FollowUpType.valueOf(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getInt(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()));
        exchange.setProperty(FULL_BATCH, claims.size() == queue.batchSize());
        return claims;
    }

    /** Checked against the lead as it is now: opted out, closed, replied, business hours, the 24-hour window. */
    public Decision check(Claim claim) {
        Lead lead = leads.byId(claim.leadId());
        if (claim.sendStartedAt() != null) {
            return new Decision(claim, Outcome.INTERRUPTED, null, null, null);
        }
        Optional<String> refusal = refusal(claim, lead);
        if (refusal.isPresent()) {
            return new Decision(claim, Outcome.CANCEL, refusal.get(), null, null);
        }
        Instant now = clock.instant();
        if (claim.type().automated() && !calendar.isOpen(now)) {
            return new Decision(claim, Outcome.POSTPONE, null, calendar.nextOpening(now), null);
        }
        String text = templates.render(claim.type(), lead.name(), claim.text());
        Optional<OutboundMessage> message = message(claim, lead, text, now);
        if (message.isEmpty()) {
            return new Decision(claim, Outcome.FAIL,
                    "outside the 24-hour window and no approved template is configured for " + claim.type(), null, null);
        }
        return new Decision(claim, Outcome.SEND, null, null, message.get());
    }

    /** Waits for a slot in the provider's budget shared by every instance, then notes that sending has begun. */
    public OutboundMessage awaitSlot(Decision decision) throws InterruptedException {
        rate.acquire("whatsapp", properties.providerRatePerSecond());
        jdbc.sql("UPDATE follow_up SET send_started_at = now() WHERE id = ?").param(decision.claim().id()).update();
        return decision.message();
    }

    /** The provider took it (body: its message id): marked sent. */
    public Sent sent(Exchange exchange) {
        Decision decision = exchange.getProperty(DECISION, Decision.class);
        Claim claim = decision.claim();
        String providerId = exchange.getMessage().getBody(String.class);
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE follow_up SET status = 'sent', claimed_by = NULL, sent_at = :now, provider_message_id = :provider,
                            last_error = NULL WHERE id = :id""")
                .param("now", Timestamp.from(now)).param("provider", providerId).param("id", claim.id()).update();
        log.info("Follow-up {} ({}) sent to lead {}", claim.id(), claim.type(), claim.leadId());
        return new Sent(claim.id(), claim.leadId(), claim.type(), providerId, decision.message().text(), now,
                sentNote.render(Map.of("tipo", claim.type().name())), "follow-up-sent:" + claim.id());
    }

    /** A sent DAILY nudge is followed by the next one a day later. */
    public void nextDaily(Sent sent) {
        jdbc.sql("""
                        INSERT INTO follow_up (lead_id, type, due_at, dedupe_key)
                        SELECT ?, 'DAILY', ?, ? FROM lead WHERE id = ? AND opted_out_at IS NULL
                            AND local_stage NOT IN ('WON', 'LOST')
                        ON CONFLICT (dedupe_key) DO NOTHING""")
                .params(sent.leadId(), Timestamp.from(clock.instant().plus(properties.dailyDelay())),
                        "cadence-next:" + sent.followUpId(), sent.leadId())
                .update();
    }

    /**
     * After the configured number of "no reply" nudges (IMMEDIATE, DAILY, REENGAGEMENT) without any reply the lead
     * is given up as lost: true when this send reached that number. Only before a meeting was scheduled: a meeting,
     * a proposal or a person's move in Kommo puts the deal in a salesperson's hands, and proposal follow-ups are
     * no silence to give up on.
     */
    public boolean givesUp(Sent sent) {
        if (!sent.type().cancelledByReply() || !leads.byId(sent.leadId()).stage().isBeforeTheMeeting()) {
            return false;
        }
        long unanswered = jdbc.sql("""
                        SELECT count(*) FROM follow_up f JOIN lead l ON l.id = f.lead_id
                        WHERE f.lead_id = ? AND f.status = 'sent' AND f.type IN ('IMMEDIATE', 'DAILY', 'REENGAGEMENT')
                          AND (l.last_inbound_at IS NULL OR f.sent_at > l.last_inbound_at)""")
                .param(sent.leadId()).query(Long.class).single();
        return unanswered >= properties.maxUnanswered();
    }

    /** The note saying why the lead was given up. */
    public String gaveUpNote() {
        return gaveUpNote.render(Map.of("max", properties.maxUnanswered()));
    }

    /** The provider did not take it: retried later when that can help, else failed. */
    public void sendFailed(Exchange exchange) {
        Claim claim = exchange.getProperty(DECISION, Decision.class).claim();
        WhatsAppSendException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WhatsAppSendException.class);
        jdbc.sql("UPDATE follow_up SET send_started_at = NULL WHERE id = ?").param(claim.id()).update();
        if (e.retryable() && queue.retry(claim.id(), claim.attempts(), e.getMessage()) == WorkQueue.Retry.LATER) {
            log.warn("Follow-up {} will be retried in {} s: {}", claim.id(), queue.backoff(claim.attempts()).toSeconds(),
                    LogSanitizer.clean(e.getMessage()));
        } else {
            fail(claim, e.getMessage());
        }
    }

    /** A follow-up that is not sent now: cancelled, postponed, failed, or settled after an interrupted send. */
    public void settle(Decision decision) {
        Claim claim = decision.claim();
        switch (decision.outcome()) {
            case CANCEL -> jdbc.sql("UPDATE follow_up SET status = 'cancelled', claimed_by = NULL, cancel_reason = ? WHERE id = ?")
                    .param(decision.reason()).param(claim.id()).update();
            case POSTPONE -> queue.postpone(claim.id(), decision.at());
            case FAIL -> fail(claim, decision.reason());
            case INTERRUPTED -> settleInterrupted(claim);
            case SEND -> throw new IllegalStateException("follow-up " + claim.id() + " is to be sent, not settled");
        }
    }

    /** Why this follow-up must not go out any more, checked against the lead as it is now. */
    private Optional<String> refusal(Claim claim, Lead lead) {
        if (claim.type().automated() && lead.optedOut()) {
            return Optional.of("lead opted out");
        }
        if (claim.type().endsWithTheDeal() && FollowUps.closed(lead)) {
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

    /**
     * The instance that claimed this died after it had started sending, so the provider may have the message.
     * The provider echoes what we send (Evolution reports it as our own message): with that trace it counts as
     * sent; without it, it is not sent again (a duplicate is worse than a missed nudge) but marked failed,
     * visible to operators. A claim that died before sending is simply taken over and sent.
     */
    private void settleInterrupted(Claim claim) {
        Optional<String> echoed = jdbc.sql("""
                        SELECT provider_message_id FROM message
                        WHERE lead_id = ? AND direction = 'out' AND created_at >= ? ORDER BY id LIMIT 1""")
                .param(claim.leadId()).param(Timestamp.from(claim.sendStartedAt())).query(String.class).optional();
        if (echoed.isPresent()) {
            jdbc.sql("UPDATE follow_up SET status = 'sent', claimed_by = NULL, sent_at = now(), provider_message_id = ? WHERE id = ?")
                    .param(echoed.get()).param(claim.id()).update();
        } else {
            fail(claim, "interrupted while sending; not sent again in case the provider had it");
        }
    }

    private void fail(Claim claim, String reason) {
        queue.fail(claim.id(), reason);
        log.warn("Follow-up {} failed: {}", claim.id(), LogSanitizer.clean(reason));
    }
}
