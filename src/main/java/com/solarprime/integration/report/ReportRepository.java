package com.solarprime.integration.report;

import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.qualification.LocalStage;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the report reads: the leads (ours from WhatsApp, and those people created in Kommo), their stage history,
 * their meetings, and what Kommo says of them ({@code kommo_lead}). Nothing is asked of Kommo itself: any week can
 * be reported again from the stored history.
 */
@Component
class ReportRepository {

    private final JdbcClient jdbc;
    private final AccountMap map;

    ReportRepository(JdbcClient jdbc, AccountMap map) {
        this.jdbc = jdbc;
        this.map = map;
    }

    private record LeadRow(Long leadId, Long kommoLeadId, String name, Instant enteredAt, String source, Integer score,
                           BigDecimal price, Long lossReasonId, Long pipelineId, Long statusId, boolean deleted) {
    }

    private record HistoryRow(Long pipelineId, Long fromStatus, long toStatus, Instant at, boolean ignored) {
    }

    /**
     * The journeys of every lead of SolarPrime's funnel that came in before {@code until} and may still count after
     * {@code since}: not closed before it, or moved since.
     */
    List<LeadJourney> journeys(Instant since, Instant until) {
        List<LeadRow> leads = jdbc.sql("""
                        SELECT l.id AS lead_id, l.kommo_lead_id, COALESCE(l.name, k.name) AS name, l.created_at AS entered_at,
                               k.lead_source, l.score, k.price, k.loss_reason_id, k.pipeline_id, k.status_id,
                               COALESCE(k.deleted, false) AS deleted
                        FROM lead l LEFT JOIN kommo_lead k ON k.id = l.kommo_lead_id
                        WHERE l.created_at < :until
                          AND (l.created_at >= :since OR k.closed_at >= :since
                               OR (l.kommo_lead_id IS NOT NULL AND k.closed_at IS NULL)
                               OR EXISTS (SELECT 1 FROM stage_history h
                                          WHERE h.kommo_lead_id = l.kommo_lead_id AND h.changed_at >= :since))
                        UNION ALL
                        SELECT NULL, k.id, k.name, COALESCE(k.created_at, h.first_at), k.lead_source, NULL, k.price,
                               k.loss_reason_id, k.pipeline_id, k.status_id, k.deleted
                        FROM kommo_lead k
                        LEFT JOIN LATERAL (SELECT min(changed_at) AS first_at FROM stage_history
                                           WHERE kommo_lead_id = k.id) h ON true
                        WHERE NOT EXISTS (SELECT 1 FROM lead l WHERE l.kommo_lead_id = k.id)
                          AND COALESCE(k.created_at, h.first_at) < :until
                          AND (k.closed_at IS NULL OR k.closed_at >= :since
                               OR EXISTS (SELECT 1 FROM stage_history s
                                          WHERE s.kommo_lead_id = k.id AND s.changed_at >= :since))""")
                .param("since", Timestamp.from(since)).param("until", Timestamp.from(until))
                .query((rs, n) -> new LeadRow(rs.getObject("lead_id", Long.class), rs.getObject("kommo_lead_id", Long.class),
                        rs.getString("name"), instant(rs, "entered_at"), rs.getString("lead_source"),
                        rs.getObject("score", Integer.class), rs.getBigDecimal("price"),
                        rs.getObject("loss_reason_id", Long.class), rs.getObject("pipeline_id", Long.class),
                        rs.getObject("status_id", Long.class), rs.getBoolean("deleted")))
                .list();
        Map<Long, List<HistoryRow>> history = history(leads);
        Map<Long, List<Instant>> bookedByLead = new HashMap<>();
        Map<Long, List<Instant>> bookedByKommoLead = new HashMap<>();
        jdbc.sql("SELECT lead_id, kommo_lead_id, created_at FROM meeting WHERE status <> 'cancelled' AND created_at < ?")
                .param(Timestamp.from(until))
                .query((RowCallbackHandler) rs -> {
                    Long leadId = rs.getObject("lead_id", Long.class);
                    Instant at = instant(rs, "created_at");
                    if (leadId != null) {
                        bookedByLead.computeIfAbsent(leadId, id -> new ArrayList<>()).add(at);
                    } else {
                        bookedByKommoLead.computeIfAbsent(rs.getLong("kommo_lead_id"), id -> new ArrayList<>()).add(at);
                    }
                });
        List<LeadJourney> journeys = new ArrayList<>();
        for (LeadRow lead : leads) {
            List<HistoryRow> moves = lead.kommoLeadId() == null ? List.of()
                    : history.getOrDefault(lead.kommoLeadId(), List.of());
            if (lead.leadId() == null && !ours(lead.pipelineId()) && moves.stream().noneMatch(this::ours)) {
                continue;
            }
            List<Instant> booked = new ArrayList<>(bookedByLead.getOrDefault(lead.leadId(), List.of()));
            booked.addAll(bookedByKommoLead.getOrDefault(lead.kommoLeadId(), List.of()));
            journeys.add(new LeadJourney(lead.leadId(), lead.kommoLeadId(), lead.name(), lead.enteredAt(), lead.source(),
                    lead.score(), lead.price(), lead.lossReasonId(), lead.deleted(), visits(lead, moves), booked));
        }
        return journeys;
    }

    /** The week's meetings: booked in [from, asOf) and not cancelled; started in [from, to) and held or missed. */
    MeetingCounts meetings(Instant from, Instant to, Instant asOf) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE created_at >= :from AND created_at < :asOf AND status <> 'cancelled'),
                               count(*) FILTER (WHERE start_at >= :from AND start_at < :to AND status = 'held'),
                               count(*) FILTER (WHERE start_at >= :from AND start_at < :to AND status = 'no_show')
                        FROM meeting""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("asOf", Timestamp.from(asOf))
                .query((rs, n) -> new MeetingCounts(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
    }

    private Map<Long, List<HistoryRow>> history(List<LeadRow> leads) {
        Long[] ids = leads.stream().map(LeadRow::kommoLeadId).filter(id -> id != null).distinct().toArray(Long[]::new);
        Map<Long, List<HistoryRow>> history = new HashMap<>();
        jdbc.sql("""
                        SELECT kommo_lead_id, pipeline_id, from_status_id, to_status_id, changed_at, status = 'ignored' AS ignored
                        FROM stage_history WHERE kommo_lead_id = ANY(?) ORDER BY kommo_lead_id, changed_at, id""")
                .param(ids)
                .query((RowCallbackHandler) rs -> history.computeIfAbsent(rs.getLong("kommo_lead_id"), id -> new ArrayList<>())
                        .add(new HistoryRow(rs.getObject("pipeline_id", Long.class), rs.getObject("from_status_id", Long.class),
                                rs.getLong("to_status_id"), instant(rs, "changed_at"), rs.getBoolean("ignored"))));
        return history;
    }

    /**
     * The stages the lead entered. Its first stage is where it was created: the first move's origin, or, when it never
     * moved, the stage Kommo has it in; our own creations record their first stage as a move from nowhere.
     */
    private List<LeadJourney.Visit> visits(LeadRow lead, List<HistoryRow> moves) {
        List<LeadJourney.Visit> visits = new ArrayList<>();
        if (moves.isEmpty()) {
            if (lead.statusId() != null && ours(lead.pipelineId())) {
                visits.add(new LeadJourney.Visit(lead.enteredAt(), stage(lead.statusId())));
            }
            return visits;
        }
        HistoryRow first = moves.get(0);
        if (first.fromStatus() != null && lead.enteredAt().isBefore(first.at())) {
            visits.add(new LeadJourney.Visit(lead.enteredAt(), ours(first) ? stage(first.fromStatus()) : null));
        }
        for (HistoryRow move : moves) {
            visits.add(new LeadJourney.Visit(move.at(), ours(move) ? stage(move.toStatus()) : null));
        }
        return visits;
    }

    /** Another pipeline's changes are kept as ignored; a change whose witness did not name the pipeline is ours. */
    private boolean ours(HistoryRow move) {
        return !move.ignored() && (move.pipelineId() == null || map.isOurPipeline(move.pipelineId()));
    }

    private boolean ours(Long pipelineId) {
        return pipelineId != null && map.isOurPipeline(pipelineId);
    }

    private LocalStage stage(long statusId) {
        return map.stageKeyOf(statusId).map(key -> {
            try {
                return LocalStage.valueOf(key);
            } catch (IllegalArgumentException notAStage) {
                return null;
            }
        }).orElse(null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
