package com.solarprime.integration.shared;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers an exchange that could not reach PostgreSQL (the server is down or restarting, or no pooled connection came
 * within the pool's connection timeout): an HTTP caller gets {@code 503} with {@code Retry-After} at once instead of
 * waiting out retries that cannot succeed, and nothing was acknowledged, so a webhook sender delivers again later. A
 * worker's poll simply ends; the next one tries again. No dead letter: there is no database to record it in.
 */
@Component("databaseUnavailable")
public class DatabaseUnavailable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);
    /** During an outage every request and poll fails the same way: one line per interval is enough. */
    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    static final String BODY = "{\"error\":\"service_unavailable\",\"reason\":\"the database is unavailable; try again later\"}";
    /** Seconds a client should wait before it asks again. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    public void reply(Exchange exchange) {
        note("route " + exchange.getFromRouteId(), exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
        exchange.getMessage().setHeader("Retry-After", RETRY_AFTER_SECONDS);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(BODY);
    }

    /** Logs the outage, once per interval however many requests and polls meet it. */
    public void note(String where, Throwable cause) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
            log.warn("Database unavailable ({}): answering 503 until it is back: {}", where,
                    LogSanitizer.clean(cause == null ? "" : String.valueOf(cause.getMessage())));
        }
    }
}
