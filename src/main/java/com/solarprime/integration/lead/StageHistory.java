package com.solarprime.integration.lead;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records each stage change once in {@code stage_history}, however many witnesses report it: the webhook
 * (possibly retried by Kommo), the events API, or our own sync that caused it. Reports of the same move of
 * the same lead within the duplicate window are one change; the per-lead advisory lock keeps two instances
 * from both recording it. A new change waits as {@code pending} until its automation has run.
 */
@Component("stageHistory")
public class StageHistory {

    private final JdbcClient jdbc;
    private final Duration duplicateWindow;

    public StageHistory(JdbcClient jdbc, StageHistoryProperties properties) {
        this.jdbc = jdbc;
        this.duplicateWindow = properties.duplicateWindow();
    }

    /**
     * The new history row's id, or empty when this change was already recorded. A person's move (any witness but
     * our own sync) is mirrored on the local lead, whichever direction they chose.
     */
    @Transactional
    public Optional<Long> record(StageChange change) {
        return record(change, null);
    }

    /**
     * A change this service does not act on (a pipeline that is not ours): kept as {@code ignored} with the reason,
     * so that funnels and operators can tell it was seen.
     */
    @Transactional
    public Optional<Long> recordIgnored(StageChange change, String reason) {
        return record(change, reason);
    }

    private Optional<Long> record(StageChange change, String ignoredBecause) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(change.kommoLeadId()).query().listOfRows();
        if (seen(change)) {
            return Optional.empty();
        }
        Long localLeadId = jdbc.sql("SELECT id FROM lead WHERE kommo_lead_id = ?").param(change.kommoLeadId())
                .query(Long.class).optional().orElse(null);
        Optional<Long> id = jdbc.sql("""
                        INSERT INTO stage_history (lead_id, kommo_lead_id, pipeline_id, from_status_id, to_status_id,
                            changed_at, source, dedupe_key, status, reason, processed_at)
                        VALUES (:local, :lead, :pipeline, :from, :to, :at, :source, :key,
                                CASE WHEN :reason::text IS NULL THEN 'pending' ELSE 'ignored' END, :reason,
                                CASE WHEN :reason::text IS NULL THEN NULL ELSE now() END)
                        ON CONFLICT (dedupe_key) DO NOTHING RETURNING id""")
                .param("local", localLeadId).param("lead", change.kommoLeadId()).param("pipeline", change.pipelineId())
                .param("from", change.fromStatus()).param("to", change.toStatus())
                .param("at", Timestamp.from(change.changedAt())).param("source", change.source())
                .param("key", change.key())
                .param("reason", ignoredBecause)
                .query(Long.class).optional();
        if (id.isPresent() && ignoredBecause == null && localLeadId != null && !"sync".equals(change.source())) {
            jdbc.sql("""
                            UPDATE lead SET kommo_status_id = :status, local_stage = COALESCE(:stage, local_stage),
                                updated_at = now()
                            WHERE id = :id""")
                    .param("status", change.toStatus())
                    .param("stage", change.toStage() == null ? null : change.toStage().name())
                    .param("id", localLeadId).update();
        }
        return id;
    }

    private boolean seen(StageChange change) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM stage_history
                            WHERE kommo_lead_id = :lead AND to_status_id = :to
                              AND (:from::bigint IS NULL OR from_status_id IS NULL OR from_status_id = :from)
                              AND changed_at BETWEEN CAST(:at AS timestamptz) - make_interval(secs => :window)
                                                 AND CAST(:at AS timestamptz) + make_interval(secs => :window))""")
                .param("lead", change.kommoLeadId()).param("to", change.toStatus()).param("from", change.fromStatus())
                .param("at", Timestamp.from(change.changedAt())).param("window", duplicateWindow.toSeconds())
                .query(Boolean.class).single();
    }
}
