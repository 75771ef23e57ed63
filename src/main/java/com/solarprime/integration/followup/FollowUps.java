package com.solarprime.integration.followup;

import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.qualification.LocalStage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Follow-ups as rows: scheduled here (by the routes of a conversation, the automation and the API), sent by the
 * dispatcher, visible and cancellable through the API.
 */
@Component("followUps")
public class FollowUps {

    /** One follow-up as the API shows it. */
    public record View(long id, String type, Instant dueAt, String status, int attempts, String text,
                       String lastError, String cancelReason, Instant sentAt) {
    }

    /** What a follow-up was scheduled with, to tell a request sent again from another one under the same key. */
    public record Scheduled(long id, long leadId, FollowUpType type, Instant dueAt, String text, String status) {
    }

    private final JdbcClient jdbc;
    private final Leads leads;
    private final FollowUpProperties properties;
    private final Clock clock;

    public FollowUps(JdbcClient jdbc, Leads leads, FollowUpProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Schedules one follow-up; {@code dedupeKey} (may be null) makes asking twice schedule it once, and a lead has at
     * most one pending meeting confirmation and one pending meeting reminder (one meeting at a time).
     * Returns its id, empty when it was already scheduled or the lead may not receive it.
     */
    public Optional<Long> schedule(long leadId, FollowUpType type, Instant dueAt, String text, String dedupeKey) {
        Lead lead = leads.byId(leadId);
        if ((type.automated() && lead.optedOut()) || (type.endsWithTheDeal() && closed(lead))) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        INSERT INTO follow_up (lead_id, type, due_at, text, dedupe_key) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING RETURNING id""")
                .params(leadId, type.name(), Timestamp.from(dueAt), text, dedupeKey)
                .query(Long.class).optional();
    }

    /** The follow-up scheduled under {@code dedupeKey}, if one was. */
    public Optional<Scheduled> byDedupeKey(String dedupeKey) {
        return jdbc.sql("SELECT id, lead_id, type, due_at, text, status FROM follow_up WHERE dedupe_key = ?")
                .param(dedupeKey)
                .query((rs, row) -> new Scheduled(rs.getLong("id"), rs.getLong("lead_id"),
                        FollowUpType.valueOf(rs.getString("type")), rs.getTimestamp("due_at").toInstant(),
                        rs.getString("text"), rs.getString("status")))
                .optional();
    }

    /**
     * Our side spoke (the agent, a salesperson): the "no reply" cadence starts again from this message —
     * a nudge shortly after it and a daily one — replacing the cadence of an earlier message. Only before a meeting
     * is scheduled: from then on a salesperson owns the conversation, and nudges would only lead to a give-up.
     */
    public void restartCadence(long leadId, Instant ourMessageAt, String messageId) {
        if (!leads.byId(leadId).stage().isBeforeTheMeeting()) {
            return;
        }
        jdbc.sql("""
                        UPDATE follow_up SET status = 'cancelled', cancel_reason = 'superseded by a newer message of ours'
                        WHERE lead_id = ? AND status = 'pending' AND type IN ('IMMEDIATE', 'DAILY')""")
                .param(leadId).update();
        schedule(leadId, FollowUpType.IMMEDIATE, ourMessageAt.plus(properties.immediateDelay()), null,
                "cadence:" + messageId + ":IMMEDIATE");
        schedule(leadId, FollowUpType.DAILY, ourMessageAt.plus(properties.dailyDelay()), null,
                "cadence:" + messageId + ":DAILY");
    }

    /** The lead answered: the "are you still there?" cadence ends, not meeting confirmations or reminders. */
    public void stopOnReply(long leadId) {
        jdbc.sql("""
                        UPDATE follow_up SET status = 'cancelled', cancel_reason = 'lead replied'
                        WHERE lead_id = ? AND status = 'pending' AND type IN ('IMMEDIATE', 'DAILY', 'REENGAGEMENT')""")
                .param(leadId).update();
    }

    /** The lead's pending meeting confirmation and reminder: the meeting they speak of was moved or cancelled. */
    public void cancelMeetingMessages(long leadId, String reason) {
        jdbc.sql("""
                        UPDATE follow_up SET status = 'cancelled', cancel_reason = ?
                        WHERE lead_id = ? AND status = 'pending' AND type IN ('MEETING_CONFIRMATION', 'MEETING_REMINDER')""")
                .param(reason).param(leadId).update();
    }

    /** Every pending follow-up of the lead (a consent confirmation excepted: it must still go out). */
    public void cancelAll(long leadId, String reason) {
        jdbc.sql("UPDATE follow_up SET status = 'cancelled', cancel_reason = ? "
                + "WHERE lead_id = ? AND status = 'pending' AND type <> 'CONSENT'").param(reason).param(leadId).update();
    }

    /** A consent confirmation, sent at once whatever the lead's consent and the hour; once per message. */
    public void confirmConsent(long leadId, String text, String messageId) {
        schedule(leadId, FollowUpType.CONSENT, clock.instant(), text, "consent:" + messageId);
    }

    public List<View> ofLead(long leadId) {
        return jdbc.sql("""
                        SELECT id, type, due_at, status, attempts, text, last_error, cancel_reason, sent_at
                        FROM follow_up WHERE lead_id = ? ORDER BY due_at, id""")
                .param(leadId)
                .query((rs, n) -> new View(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()))
                .list();
    }

    /** True when a pending follow-up was cancelled. */
    public boolean cancel(long id, String reason) {
        return jdbc.sql("UPDATE follow_up SET status = 'cancelled', cancel_reason = ? WHERE id = ? AND status = 'pending'")
                .param(reason).param(id).update() > 0;
    }

    static boolean closed(Lead lead) {
        return lead.stage() == LocalStage.WON || lead.stage() == LocalStage.LOST;
    }
}
