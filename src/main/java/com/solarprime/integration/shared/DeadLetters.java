package com.solarprime.integration.shared;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records exchanges that failed after their redeliveries in {@code dead_letter}, so an operator can see
 * and replay them. The payload is kept in the database (where the data lives anyway), never in the log.
 */
@Component("deadLetters")
public class DeadLetters implements Processor {

    /** Header a route sets to say where its payload comes from, e.g. {@code inbox:42}. */
    public static final String PAYLOAD_REF = "SolarPrimePayloadRef";
    private static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcClient jdbc;

    public DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Called before each redelivery: a scrubbed line instead of Camel's raw one. */
    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.warn("Retrying route {} (attempt {}): {}", exchange.getFromRouteId(),
                exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER),
                failure == null ? "unknown" : LogSanitizer.clean(failure.getMessage()));
    }

    public void record(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        if (routeId == null) {
            routeId = exchange.getFromRouteId();
        }
        String reason = Failures.reason(failure);
        String payloadRef = exchange.getMessage().getHeader(PAYLOAD_REF, String.class);
        long id = jdbc.sql("""
                        INSERT INTO dead_letter (route_id, reason, payload_ref, payload, exchange_id)
                        VALUES (:route, :reason, :ref, :payload, :exchange) RETURNING id""")
                .param("route", routeId == null ? "unknown" : routeId)
                .param("reason", truncate(reason, 2000))
                .param("ref", payloadRef)
                .param("payload", payloadOf(exchange))
                .param("exchange", exchange.getExchangeId())
                .query(Long.class).single();
        log.error("Exchange failed in route {} after redeliveries, dead letter {}: {}", routeId, id, reason);
    }

    /** Last resort when the database itself refused the dead letter: the log still shows what was lost. */
    public void logUnrecorded(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.error("Could not record a dead letter for exchange {} (payload ref {}): {}", exchange.getExchangeId(),
                exchange.getMessage().getHeader(PAYLOAD_REF),
                cause == null ? "unknown" : LogSanitizer.clean(cause.getMessage()));
    }

    private static String payloadOf(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null) {
            return null;
        }
        String text = new String(body, 0, Math.min(body.length, MAX_PAYLOAD_BYTES), StandardCharsets.UTF_8);
        return text.replace("\u0000", "");
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
