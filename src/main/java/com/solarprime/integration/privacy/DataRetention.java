package com.solarprime.integration.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The retention purge's steps: what each kind of stored personal data is, when it is old enough to go, and one batch of
 * it purged. A purge empties a value and stamps when; the row stays, so the counts built on it do not change.
 */
@Component("dataRetention")
public class DataRetention {

    private static final Logger log = LoggerFactory.getLogger(DataRetention.class);

    /**
     * One run: the moments before which each period's data goes (fixed when the run starts, so that a long run does not
     * chase the clock), and how many rows of each kind it purged.
     */
    public record Run(Instant payloadsBefore, Instant textsBefore, Map<String, Integer> purged) {
    }

    /** The kinds in the order they are purged; each one an UPDATE of at most one batch, by its cutoff. */
    private enum Kind {
        WEBHOOK_PAYLOADS("webhook-payloads", true, """
                UPDATE inbox SET payload = NULL, payload_purged_at = now() WHERE id IN (
                    SELECT id FROM inbox WHERE status IN ('done', 'ignored') AND payload_purged_at IS NULL
                    AND COALESCE(processed_at, received_at) < :before ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)"""),
        DEAD_LETTER_PAYLOADS("dead-letter-payloads", true, """
                UPDATE dead_letter SET payload = NULL, payload_purged_at = now() WHERE id IN (
                    SELECT id FROM dead_letter WHERE payload_purged_at IS NULL AND payload IS NOT NULL
                    AND COALESCE(replayed_at, discarded_at) < :before ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)"""),
        KOMMO_PAYLOADS("kommo-payloads", true, """
                UPDATE kommo_outbox SET payload = '{}'::jsonb, payload_purged_at = now() WHERE id IN (
                    SELECT id FROM kommo_outbox WHERE status = 'done' AND payload_purged_at IS NULL
                    AND done_at < :before ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)"""),
        MESSAGE_TEXTS("message-texts", false, """
                UPDATE message SET text = NULL, text_purged_at = now() WHERE id IN (
                    SELECT id FROM message WHERE text_purged_at IS NULL AND sent_at < :before
                    ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)"""),
        FOLLOW_UP_TEXTS("follow-up-texts", false, """
                UPDATE follow_up SET text = NULL, text_purged_at = now() WHERE id IN (
                    SELECT id FROM follow_up WHERE text_purged_at IS NULL AND status IN ('sent', 'cancelled', 'failed')
                    AND COALESCE(sent_at, due_at) < :before ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)"""),
        ALERT_TEXTS("alert-texts", false, """
                UPDATE notification SET text = NULL, text_purged_at = now() WHERE id IN (
                    SELECT id FROM notification WHERE text_purged_at IS NULL AND status IN ('sent', 'fallback', 'failed')
                    AND COALESCE(sent_at, created_at) < :before ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)""");

        final String key;
        final boolean payload;
        final String sql;

        Kind(String key, boolean payload, String sql) {
            this.key = key;
            this.payload = payload;
            this.sql = sql;
        }

        static Kind of(String key) {
            for (Kind kind : values()) {
                if (kind.key.equals(key)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no retention kind " + key);
        }
    }

    private final JdbcClient jdbc;
    private final PrivacyProperties properties;
    private final Clock clock;

    public DataRetention(JdbcClient jdbc, PrivacyProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    public Run start() {
        Instant now = clock.instant();
        Map<String, Integer> purged = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            purged.put(kind.key, 0);
        }
        return new Run(now.minus(properties.webhookPayloads()), now.minus(properties.messageTexts()), purged);
    }

    public List<String> kinds() {
        return java.util.Arrays.stream(Kind.values()).map(kind -> kind.key).toList();
    }

    /** One batch of one kind, in the caller's transaction; true when the batch was full (more may be left). */
    public boolean purge(Run run, String key) {
        Kind kind = Kind.of(key);
        int purged = jdbc.sql(kind.sql)
                .param("before", Timestamp.from(kind.payload ? run.payloadsBefore() : run.textsBefore()))
                .param("batch", properties.batchSize())
                .update();
        run.purged().merge(kind.key, purged, Integer::sum);
        return purged >= properties.batchSize();
    }

    /** Counts only: what was purged says nothing about whom. */
    public Map<String, Integer> finish(Run run) {
        log.info("Retention purge: {} (payloads processed before {}, texts sent before {})", run.purged(),
                run.payloadsBefore(), run.textsBefore());
        return run.purged();
    }
}
