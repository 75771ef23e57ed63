package com.solarprime.integration.shared.work;

import com.solarprime.integration.shared.LogSanitizer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One work table, claimed and settled the same way as every other: the inbox, the Kommo outbox, the follow-ups,
 * the stage changes and the alerts. Rows go {@code pending} → {@code claimed} (by this instance, in one statement
 * with {@code FOR UPDATE SKIP LOCKED}, so no two instances ever take the same row) → an end state. A failure waits
 * with a doubling, capped pause; after the last attempt the row is {@code failed} with its last error. A row
 * claimed by an instance that stopped checking in is claimed again by a live one; a slow live instance keeps its
 * claims however long it works.
 * <p>
 * A live instance can also leave a row claimed: when the database goes away while a worker is on it, what became of
 * the row cannot be written. A claim is made for an exchange (a poll), and its rows are being worked on until that
 * exchange completes, however it ends and on whichever threads its steps ran; the instance's own claimed rows outside
 * the exchanges still running are claimed again.
 */
public final class WorkQueue {

    /** What became of a failed attempt. */
    public enum Retry {
        /** Pending again, due after the backoff. */
        LATER,
        /** Out of attempts: failed, with the last error. */
        GAVE_UP
    }

    private final String name;
    private final String table;
    private final String dueColumn;
    private final WorkProperties.Queue settings;
    private final WorkProperties work;
    private final ServiceInstance instance;
    private final JdbcClient jdbc;
    private final Clock clock;
    /** The rows this instance claimed for exchanges still running. */
    private final Set<Long> working = ConcurrentHashMap.newKeySet();

    /**
     * @param dueColumn when a pending row is due ({@code next_attempt_at}; follow-ups: {@code due_at})
     */
    WorkQueue(String name, String table, String dueColumn, WorkProperties work, ServiceInstance instance, JdbcClient jdbc,
              Clock clock) {
        this.name = name;
        this.table = table;
        this.dueColumn = dueColumn;
        this.settings = work.queue(name);
        this.work = work;
        this.instance = instance;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public int batchSize() {
        return settings.batchSize();
    }

    /** Claims up to a batch of due rows, oldest first, for the exchange {@code poll}. */
    public <T> List<T> claim(Exchange poll, String returning, RowMapper<T> rows) {
        return claim(poll, "TRUE", Map.of(), dueColumn + ", id", returning, rows);
    }

    /**
     * Claims up to a batch of due rows that also meet {@code condition} (SQL over the table aliased {@code w},
     * with named parameters), in {@code order}.
     * <p>
     * Synchronized so that no claim sees the rows of another before they are among the rows being worked on.
     *
     * @param poll      the exchange the rows are worked on in: they are this instance's until it completes
     * @param returning columns of the claimed rows to return (the table's own names), {@code id} among them
     */
    public synchronized <T> List<T> claim(Exchange poll, String condition, Map<String, ?> params, String order,
                                          String returning, RowMapper<T> rows) {
        Set<Long> batch = new HashSet<>();
        List<T> claimed = jdbc.sql("""
                        UPDATE %1$s SET status = 'claimed', claimed_by = :instance, claimed_at = now(), attempts = attempts + 1
                        WHERE id IN (
                            SELECT w.id FROM %1$s w
                            WHERE ((w.status = 'pending' AND w.%2$s <= :now)
                                   OR (w.status = 'claimed' AND (w.claimed_by IS NULL OR w.claimed_by NOT IN (
                                        SELECT i.id FROM service_instance i
                                        WHERE i.heartbeat_at > now() - make_interval(secs => :timeout))))
                                   OR (w.status = 'claimed' AND w.claimed_by = :instance AND NOT w.id = ANY(:working)))
                              AND (%3$s)
                            ORDER BY %4$s LIMIT :limit
                            FOR UPDATE OF w SKIP LOCKED)
                        RETURNING %5$s""".formatted(table, dueColumn, condition, qualify(order), returning))
                .params(params)
                .param("instance", instance.id())
                .param("now", Timestamp.from(clock.instant()))
                .param("timeout", work.instanceTimeout().toSeconds())
                .param("working", working.toArray(Long[]::new))
                .param("limit", settings.batchSize())
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    batch.add(id);
                    working.add(id);
                    return rows.mapRow(rs, n);
                }).list();
        if (!batch.isEmpty()) {
            poll.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange exchange) {
                    working.removeAll(batch);
                }
            });
        }
        return claimed;
    }

    /** Claims up to a batch of due rows, oldest first, each as its columns, for the exchange {@code poll}. */
    public List<Map<String, Object>> claimRows(Exchange poll, String returning) {
        return claim(poll, returning, (rs, n) -> {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
            }
            return row;
        });
    }

    /** The rows reached their end state ({@code done}, {@code sent}, {@code ignored}, ...). */
    public int settle(Collection<Long> ids, String status) {
        return jdbc.sql("UPDATE " + table + " SET status = :status, claimed_by = NULL, last_error = NULL"
                        + " WHERE id = ANY(:ids) AND status = 'claimed'")
                .param("status", status).param("ids", ids.toArray(Long[]::new)).update();
    }

    /** A failed attempt: tried again after the backoff, or failed for good after the last attempt. */
    public Retry retry(long id, int attempts, String error) {
        boolean exhausted = attempts >= settings.maxAttempts();
        Duration backoff = settings.backoff(attempts);
        jdbc.sql("UPDATE " + table + " SET status = :status, claimed_by = NULL, last_error = :error, "
                        + dueColumn + " = now() + make_interval(secs => :backoff) WHERE id = :id")
                .param("status", exhausted ? "failed" : "pending")
                .param("error", truncate(LogSanitizer.clean(error)))
                .param("backoff", backoff.toSeconds())
                .param("id", id).update();
        return exhausted ? Retry.GAVE_UP : Retry.LATER;
    }

    /** Failed for good: retrying cannot help (the other side refused it); an operator must look. */
    public void fail(long id, String error) {
        jdbc.sql("UPDATE " + table + " SET status = 'failed', claimed_by = NULL, last_error = ? WHERE id = ?")
                .param(truncate(LogSanitizer.clean(error))).param(id).update();
    }

    /** Not now, and not a failure: pending again from {@code at}, the attempt not counted. */
    public void postpone(long id, Instant at) {
        jdbc.sql("UPDATE " + table + " SET status = 'pending', claimed_by = NULL, attempts = attempts - 1, "
                        + dueColumn + " = ? WHERE id = ?")
                .param(Timestamp.from(at)).param(id).update();
    }

    /** The backoff a failed attempt waits. */
    public Duration backoff(int attempts) {
        return settings.backoff(attempts);
    }

    private static String qualify(String order) {
        return order.replaceAll("(^|,\\s*)(\\w)", "$1w.$2");
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
