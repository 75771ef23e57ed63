package com.solarprime.integration.console;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What is waiting and what failed, per queue and state, with the age of each state's oldest item. */
@Component
public class QueueCounts {

    /**
     * @param queue e.g. {@code inbox}, {@code outbox: note}
     * @param state e.g. {@code pending}, {@code due today}
     * @param oldest when the oldest item of the state arrived (or fell due), null when there is none
     */
    public record Count(String queue, String state, long items, Instant oldest) {
    }

    private final JdbcClient jdbc;
    private final ConsoleProperties console;
    private final Clock clock;

    public QueueCounts(JdbcClient jdbc, ConsoleProperties console, Clock clock) {
        this.jdbc = jdbc;
        this.console = console;
        this.clock = clock;
    }

    /**
     * The inbox (pending, processing, failed), the Kommo outbox per kind, the stage changes waiting for their
     * automation, follow-ups (due today, sent today, failed, cancelled) and the open dead letters; empty states too.
     */
    public List<Count> read() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), console.zone());
        Timestamp dayStart = Timestamp.from(today.atStartOfDay(console.zone()).toInstant());
        Timestamp dayEnd = Timestamp.from(today.plusDays(1).atStartOfDay(console.zone()).toInstant());
        return jdbc.sql("""
                        WITH states(queue, state, ord) AS (VALUES
                            ('inbox', 'pending', 1), ('inbox', 'processing', 2), ('inbox', 'failed', 3),
                            ('stage changes', 'pending', 20), ('stage changes', 'processing', 21),
                            ('stage changes', 'failed', 22),
                            ('follow-ups', 'due today', 30), ('follow-ups', 'sent today', 31),
                            ('follow-ups', 'failed', 32), ('follow-ups', 'cancelled', 33),
                            ('dead letters', 'open', 40)),
                        outbox_states AS (
                            SELECT 'outbox: ' || k.kind AS queue, s.state, 4 + 3 * k.ord + s.ord AS ord
                            FROM (VALUES ('lead_create', 0), ('lead_update', 1), ('note', 2), ('task', 3),
                                ('task_complete', 4)) k(kind, ord),
                                (VALUES ('pending', 0), ('in flight', 1), ('failed', 2)) s(state, ord)),
                        counts(queue, state, items, oldest) AS (
                            SELECT 'inbox', CASE status WHEN 'claimed' THEN 'processing' ELSE status END, count(*),
                                min(received_at)
                            FROM inbox WHERE status IN ('pending', 'claimed', 'failed') GROUP BY status
                            UNION ALL
                            SELECT 'outbox: ' || kind, CASE status WHEN 'claimed' THEN 'in flight' ELSE status END,
                                count(*), min(created_at)
                            FROM kommo_outbox WHERE status IN ('pending', 'claimed', 'failed') GROUP BY kind, status
                            UNION ALL
                            SELECT 'stage changes', CASE status WHEN 'claimed' THEN 'processing' ELSE status END,
                                count(*), min(recorded_at)
                            FROM stage_history WHERE status IN ('pending', 'claimed', 'failed') GROUP BY status
                            UNION ALL
                            SELECT 'follow-ups', 'due today', count(*), min(due_at) FROM follow_up
                            WHERE status IN ('pending', 'claimed') AND due_at < :dayEnd
                            UNION ALL
                            SELECT 'follow-ups', 'sent today', count(*), min(sent_at) FROM follow_up
                            WHERE status = 'sent' AND sent_at >= :dayStart AND sent_at < :dayEnd
                            UNION ALL
                            SELECT 'follow-ups', status, count(*), min(due_at) FROM follow_up
                            WHERE status IN ('failed', 'cancelled') GROUP BY status
                            UNION ALL
                            SELECT 'dead letters', 'open', count(*), min(failed_at) FROM dead_letter
                            WHERE replayed_at IS NULL AND discarded_at IS NULL)
                        SELECT s.queue, s.state, coalesce(c.items, 0), c.oldest
                        FROM (SELECT * FROM states UNION ALL SELECT * FROM outbox_states) s
                        LEFT JOIN counts c ON c.queue = s.queue AND c.state = s.state
                        ORDER BY s.ord""")
                .param("dayStart", dayStart)
                .param("dayEnd", dayEnd)
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }
}
