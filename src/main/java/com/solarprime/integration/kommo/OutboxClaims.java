package com.solarprime.integration.kommo;

import com.solarprime.integration.shared.work.WorkQueue;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The Kommo outbox as a {@link WorkQueue}: rows of one kind claimed together, settled together. */
@Component
class OutboxClaims {

    /**
     * A claimed row. {@code attempts} above 1 means an earlier attempt may have reached Kommo.
     *
     * @param meetingId the meeting a {@code meeting} row is about; null for the other kinds
     */
    record Claim(long id, Long leadId, String payload, int attempts, Long meetingId) {
    }

    private static final String RETURNING = "id, lead_id, payload::text, attempts, meeting_id";

    private final WorkQueue queue;
    private final JdbcClient jdbc;

    OutboxClaims(@Qualifier("kommoOutboxQueue") WorkQueue queue, JdbcClient jdbc) {
        this.queue = queue;
        this.jdbc = jdbc;
    }

    int batchSize() {
        return queue.batchSize();
    }

    /**
     * @param needsKommoLead claim only rows whose lead already exists in Kommo, or that name the Kommo lead
     *                       themselves ({@code entity_id}): updates and notes wait for the creation without
     *                       being retried in vain
     */
    List<Claim> claim(Exchange poll, String kind, boolean needsKommoLead) {
        return queue.claim(poll, """
                        w.kind = :kind AND (NOT :needsLead OR w.payload ->> 'entity_id' IS NOT NULL
                            OR EXISTS (SELECT 1 FROM lead l WHERE l.id = w.lead_id AND l.kommo_lead_id IS NOT NULL))""",
                Map.of("kind", kind, "needsLead", needsKommoLead), "id", RETURNING, OutboxClaims::claim);
    }

    /**
     * Meeting rows whose lead is in Kommo, none while another row of the same meeting is on its way: the one creating
     * the meeting's task must have recorded the task's id before the next one moves or completes it.
     */
    List<Claim> claimMeetings(Exchange poll) {
        return queue.claim(poll, """
                        w.kind = 'meeting'
                        AND NOT EXISTS (SELECT 1 FROM kommo_outbox c
                                        WHERE c.meeting_id = w.meeting_id AND c.status = 'claimed' AND c.id <> w.id)
                        AND EXISTS (SELECT 1 FROM meeting m LEFT JOIN lead l ON l.id = m.lead_id
                                    WHERE m.id = w.meeting_id AND COALESCE(m.kommo_lead_id, l.kommo_lead_id) IS NOT NULL)""",
                Map.of(), "id", RETURNING, OutboxClaims::claim);
    }

    private static Claim claim(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Claim(rs.getLong(1), (Long) rs.getObject(2, Long.class), rs.getString(3), rs.getInt(4),
                (Long) rs.getObject(5, Long.class));
    }

    void done(List<Claim> claims) {
        jdbc.sql("UPDATE kommo_outbox SET status = 'done', claimed_by = NULL, done_at = now(), last_error = NULL "
                + "WHERE id = ANY(:ids)").param("ids", claims.stream().map(Claim::id).toArray(Long[]::new)).update();
    }

    /**
     * Kommo could not take it now (outage, limit): the rows wait, with a doubling pause, until it can, or are
     * given up after the last attempt.
     */
    void retryLater(List<Claim> claims, Exception cause) {
        for (Claim claim : claims) {
            if (!supersededUpdate(claim)) {
                queue.retry(claim.id(), claim.attempts(), cause.getMessage());
            }
        }
    }

    /**
     * An update queued meanwhile for the same lead (or a write of the same meeting) supersedes this one: it reads the
     * lead or the meeting when it runs, and a meeting's texts join it. (At most one of each may be pending.)
     */
    private boolean supersededUpdate(Claim claim) {
        if (claim.meetingId() != null) {
            jdbc.sql("""
                            UPDATE kommo_outbox p SET payload = ?::jsonb || p.payload
                            WHERE p.kind = 'meeting' AND p.status = 'pending' AND p.meeting_id = ?""")
                    .param(claim.payload()).param(claim.meetingId()).update();
        }
        return jdbc.sql("""
                        UPDATE kommo_outbox o SET status = 'done', claimed_by = NULL, done_at = now(),
                            last_error = 'superseded by a newer write of the same lead or meeting'
                        WHERE o.id = :id AND (
                            (o.kind = 'lead_update' AND EXISTS (SELECT 1 FROM kommo_outbox p
                                WHERE p.kind = 'lead_update' AND p.status = 'pending' AND p.lead_id = o.lead_id))
                            OR (o.kind = 'meeting' AND EXISTS (SELECT 1 FROM kommo_outbox p
                                WHERE p.kind = 'meeting' AND p.status = 'pending' AND p.meeting_id = o.meeting_id)))""")
                .param("id", claim.id()).update() > 0;
    }

    /** Kommo refused the write itself: retrying cannot help, an operator must look. */
    void failed(Claim claim, Exception cause) {
        queue.fail(claim.id(), cause.getMessage());
    }
}
