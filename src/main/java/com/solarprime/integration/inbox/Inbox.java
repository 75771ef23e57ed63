package com.solarprime.integration.inbox;

import com.solarprime.integration.shared.DeadLetters;
import com.solarprime.integration.shared.LogSanitizer;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Outcomes of processing one claimed inbox row. */
@Component("inbox")
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final JdbcClient jdbc;
    private final InboxProperties properties;
    private final DeadLetters deadLetters;

    public Inbox(JdbcClient jdbc, InboxProperties properties, DeadLetters deadLetters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.deadLetters = deadLetters;
    }

    public void done(Exchange exchange) {
        // A delivery the processing marked ignored keeps that status and its reason.
        jdbc.sql("UPDATE inbox SET status = 'done', processed_at = now(), last_error = NULL WHERE id = ? AND status = 'processing'")
                .param(id(exchange)).update();
    }

    /** A well-formed delivery the service has nothing to do with: kept, visible, not retried. */
    public void ignored(long id, String reason) {
        jdbc.sql("UPDATE inbox SET status = 'ignored', processed_at = now(), last_error = ? WHERE id = ?")
                .param(reason).param(id).update();
    }

    /** Tries again later with a doubling wait, or gives up after the last attempt and dead-letters the delivery. */
    public void failed(Exchange exchange) {
        long id = id(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = LogSanitizer.clean(cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        int attempts = exchange.getMessage().getHeader("inboxAttempts", 1, Integer.class);
        boolean exhausted = attempts >= properties.maxAttempts();
        long backoffSeconds = properties.retryBackoff().toSeconds() * (1L << Math.min(attempts - 1, 16));
        jdbc.sql("""
                        UPDATE inbox SET status = :status, last_error = :reason,
                            next_attempt_at = now() + make_interval(secs => :backoff)
                        WHERE id = :id""")
                .param("status", exhausted ? "failed" : "pending")
                .param("reason", reason)
                .param("backoff", backoffSeconds)
                .param("id", id)
                .update();
        if (exhausted) {
            deadLetters.record(exchange);
        } else {
            log.warn("Inbox delivery {} failed (attempt {}), retrying in {} s: {}", id, attempts, backoffSeconds, reason);
        }
    }

    public static long id(Exchange exchange) {
        return exchange.getMessage().getHeader("inboxId", Long.class);
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
}
