package com.solarprime.integration.inbox;

import com.solarprime.integration.shared.DeadLetters;
import com.solarprime.integration.shared.Failures;
import com.solarprime.integration.shared.work.WorkQueue;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The steps of the inbox worker: claim stored deliveries, open one, and settle it. */
@Component("inbox")
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final WorkQueue queue;
    private final JdbcClient jdbc;
    private final DeadLetters deadLetters;

    public Inbox(@Qualifier("inboxQueue") WorkQueue queue, JdbcClient jdbc, DeadLetters deadLetters) {
        this.queue = queue;
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
    }

    /** Due deliveries, oldest first; an empty claim tells the scheduler not to look again at once. */
    public List<Map<String, Object>> claim(Exchange exchange) {
        List<Map<String, Object>> rows = queue.claimRows(exchange, "id, source, content_type, payload, attempts");
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !rows.isEmpty());
        return rows;
    }

    /** Puts the claimed row's columns where the processing routes expect them. */
    public void open(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, Object> row = exchange.getMessage().getBody(Map.class);
        exchange.getMessage().setHeader("inboxId", ((Number) row.get("id")).longValue());
        exchange.getMessage().setHeader("inboxSource", row.get("source"));
        exchange.getMessage().setHeader("inboxContentType", row.get("content_type"));
        exchange.getMessage().setHeader("inboxAttempts", ((Number) row.get("attempts")).intValue());
        exchange.getMessage().setHeader(DeadLetters.PAYLOAD_REF, "inbox:" + row.get("id"));
        exchange.getMessage().setBody(row.get("payload"));
    }

    /** Processed: committed with everything the processing changed. A delivery marked ignored keeps that status. */
    public void done(Exchange exchange) {
        jdbc.sql("UPDATE inbox SET status = 'done', claimed_by = NULL, processed_at = now(), last_error = NULL "
                + "WHERE id = ? AND status = 'claimed'").param(id(exchange)).update();
    }

    /** A well-formed delivery the service has nothing to do with: kept, visible, not retried. */
    public void ignored(long id, String reason) {
        jdbc.sql("UPDATE inbox SET status = 'ignored', claimed_by = NULL, processed_at = now(), last_error = ? WHERE id = ?")
                .param(reason).param(id).update();
    }

    /**
     * The processing failed and everything it did was rolled back: tried again after a doubling wait, or after the
     * last attempt marked failed and dead-lettered.
     */
    public void failed(Exchange exchange) {
        long id = id(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = Failures.reason(cause);
        int attempts = exchange.getMessage().getHeader("inboxAttempts", 1, Integer.class);
        if (queue.retry(id, attempts, reason) == WorkQueue.Retry.GAVE_UP) {
            deadLetters.record(exchange);
        } else {
            log.warn("Inbox delivery {} failed (attempt {}), retrying in {} s: {}", id, attempts,
                    queue.backoff(attempts).toSeconds(), reason);
        }
    }

    public static long id(Exchange exchange) {
        return exchange.getMessage().getHeader("inboxId", Long.class);
    }
}
