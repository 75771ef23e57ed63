package com.solarprime.integration.kommo;

import com.solarprime.integration.shared.LogSanitizer;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Claims and settles outbox rows. A claim is one statement with {@code FOR UPDATE SKIP LOCKED}, so any
 * number of instances share the work without ever sending one row twice; a claim left behind by a dead
 * instance is taken over after the claim timeout.
 */
@Component
class OutboxClaims {

    /** A claimed row. {@code attempts} above 1 means an earlier attempt may have reached Kommo. */
    record Claim(long id, Long leadId, String payload, int attempts) {
    }

    private final JdbcClient jdbc;
    private final KommoSyncProperties sync;

    OutboxClaims(JdbcClient jdbc, KommoSyncProperties sync) {
        this.jdbc = jdbc;
        this.sync = sync;
    }

    /**
     * @param needsKommoLead claim only rows whose lead already exists in Kommo, or that name the Kommo lead
     *                       themselves ({@code entity_id}): updates and notes wait for the creation without
     *                       being retried in vain
     */
    List<Claim> claim(String kind, boolean needsKommoLead) {
        return jdbc.sql("""
                        UPDATE kommo_outbox SET status = 'in_flight', attempts = attempts + 1, claimed_at = now()
                        WHERE id IN (
                            SELECT o.id FROM kommo_outbox o LEFT JOIN lead l ON l.id = o.lead_id
                            WHERE o.kind = :kind
                              AND ((o.status = 'pending' AND o.next_attempt_at <= now())
                                   OR (o.status = 'in_flight' AND o.claimed_at < now() - make_interval(secs => :timeout)))
                              AND (NOT :needsLead OR l.kommo_lead_id IS NOT NULL OR o.payload ->> 'entity_id' IS NOT NULL)
                            ORDER BY o.id LIMIT :limit
                            FOR UPDATE OF o SKIP LOCKED)
                        RETURNING id, lead_id, payload::text, attempts""")
                .param("kind", kind)
                .param("timeout", sync.claimTimeout().toSeconds())
                .param("needsLead", needsKommoLead)
                .param("limit", sync.batchSize())
                .query((rs, n) -> new Claim(rs.getLong(1), (Long) rs.getObject(2, Long.class), rs.getString(3), rs.getInt(4)))
                .list();
    }

    void done(List<Claim> claims) {
        jdbc.sql("UPDATE kommo_outbox SET status = 'done', done_at = now(), last_error = NULL WHERE id = ANY(:ids)")
                .param("ids", ids(claims)).update();
    }

    /** Kommo could not take it now (outage, limit): the rows wait, with a doubling pause, until it can. */
    void retryLater(List<Claim> claims, Exception cause) {
        for (Claim claim : claims) {
            long backoff = Math.min(sync.maxBackoff().toSeconds(),
                    sync.retryBackoff().toSeconds() * (1L << Math.min(claim.attempts() - 1, 20)));
            // An update queued meanwhile for the same lead supersedes this one (it reads the lead when it runs).
            jdbc.sql("""
                            UPDATE kommo_outbox o SET last_error = :error,
                                next_attempt_at = now() + make_interval(secs => :backoff),
                                status = CASE WHEN o.kind = 'lead_update' AND EXISTS (
                                    SELECT 1 FROM kommo_outbox p WHERE p.kind = 'lead_update' AND p.status = 'pending'
                                        AND p.lead_id = o.lead_id) THEN 'done' ELSE 'pending' END
                            WHERE o.id = :id""")
                    .param("error", LogSanitizer.clean(cause.getMessage())).param("backoff", backoff).param("id", claim.id())
                    .update();
        }
    }

    /** Kommo refused the write itself: retrying cannot help, an operator must look. */
    void failed(Claim claim, Exception cause) {
        jdbc.sql("UPDATE kommo_outbox SET status = 'failed', last_error = ? WHERE id = ?")
                .param(LogSanitizer.clean(cause.getMessage())).param(claim.id()).update();
    }

    private static Long[] ids(List<Claim> claims) {
        return claims.stream().map(Claim::id).toArray(Long[]::new);
    }
}
