package com.solarprime.integration.automation;

import com.solarprime.integration.kommo.KommoEventsProperties;
import com.solarprime.integration.kommo.StageChanges;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records each stage change once in {@code stage_history}, however many witnesses report it: the webhook
 * (possibly retried by Kommo), the events API, or our own sync that caused it. Reports of the same move of
 * the same lead within the duplicate window are one change; the per-lead advisory lock keeps two instances
 * from both recording it.
 */
@Component
public class StageHistory {

    private final JdbcClient jdbc;
    private final KommoEventsProperties events;

    public StageHistory(JdbcClient jdbc, KommoEventsProperties events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The new history row's id, or empty when this change was already recorded. */
    @Transactional
    public Optional<Long> record(StageChange change, Long localLeadId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(change.kommoLeadId()).query().listOfRows();
        boolean seen = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM stage_history
                            WHERE kommo_lead_id = :lead AND to_status_id = :to
                              AND (:from::bigint IS NULL OR from_status_id IS NULL OR from_status_id = :from)
                              AND changed_at BETWEEN CAST(:at AS timestamptz) - make_interval(secs => :window)
                                                 AND CAST(:at AS timestamptz) + make_interval(secs => :window))""")
                .param("lead", change.kommoLeadId()).param("to", change.toStatus()).param("from", change.fromStatus())
                .param("at", Timestamp.from(change.changedAt())).param("window", events.duplicateWindow().toSeconds())
                .query(Boolean.class).single();
        if (seen) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        INSERT INTO stage_history (lead_id, kommo_lead_id, pipeline_id, from_status_id, to_status_id,
                            changed_at, source, dedupe_key)
                        VALUES (:local, :lead, :pipeline, :from, :to, :at, :source, :key)
                        ON CONFLICT (dedupe_key) DO NOTHING RETURNING id""")
                .param("local", localLeadId).param("lead", change.kommoLeadId()).param("pipeline", change.pipelineId())
                .param("from", change.fromStatus()).param("to", change.toStatus())
                .param("at", Timestamp.from(change.changedAt())).param("source", change.source())
                .param("key", StageChanges.key(change.kommoLeadId(), change.fromStatus() == null ? 0 : change.fromStatus(),
                        change.toStatus(), change.changedAt().getEpochSecond()))
                .query(Long.class).optional();
    }
}
