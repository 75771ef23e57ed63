package com.solarprime.integration.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records exchanges that failed after their redeliveries in {@code dead_letter}, so an operator can see
 * and replay them. The payload is kept in the database (where the data lives anyway), never in the log. An exchange
 * that came in through a {@code direct:} endpoint also keeps the headers it came with, since a replay re-sends it
 * there; one that is itself a replay is recorded as a new dead letter of the same payload, linked to the first.
 */
@Component("deadLetters")
public class DeadLetters implements Processor {

    /** Header a route sets to say where its payload comes from, e.g. {@code inbox:42}. */
    public static final String PAYLOAD_REF = "SolarPrimePayloadRef";
    /** Exchange property of a replay: the id of the dead letter being re-sent. */
    public static final String REPLAY_OF = "SolarPrimeReplayOf";
    /** Exchange property set once the failure is recorded: the new dead letter's id. */
    public static final String RECORDED_AS = "SolarPrimeDeadLetterId";
    /** Header names whose values are credentials: never stored. */
    private static final Pattern SECRET_HEADER = Pattern.compile(
            "(?i).*(authorization|cookie|token|secret|password|api-?key|signature|credential).*");
    private static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public DeadLetters(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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
        Long replayOf = exchange.getProperty(REPLAY_OF, Long.class);
        long id = replayOf != null ? recordReplay(exchange, routeId, reason, replayOf) : jdbc.sql("""
                        INSERT INTO dead_letter (route_id, reason, payload_ref, payload, exchange_id, from_route_id, headers)
                        VALUES (:route, :reason, :ref, :payload, :exchange, :from, :headers::jsonb) RETURNING id""")
                .param("route", routeId == null ? "unknown" : routeId)
                .param("reason", truncate(reason, 2000))
                .param("ref", exchange.getMessage().getHeader(PAYLOAD_REF, String.class))
                .param("payload", payloadOf(exchange))
                .param("exchange", exchange.getExchangeId())
                .param("from", exchange.getFromRouteId())
                .param("headers", replayableHeaders(exchange))
                .query(Long.class).single();
        exchange.setProperty(RECORDED_AS, id);
        log.error("Exchange failed in route {} after redeliveries, dead letter {}: {}", routeId, id, reason);
    }

    /**
     * A replay that failed again: what is worth keeping is what the first dead letter kept (the replayed exchange's
     * original message is the operator's request, not the payload).
     */
    private long recordReplay(Exchange exchange, String routeId, String reason, long replayOf) {
        return jdbc.sql("""
                        INSERT INTO dead_letter (route_id, reason, payload_ref, payload, exchange_id, from_route_id, headers,
                            replay_of)
                        SELECT :route, :reason, d.payload_ref, d.payload, :exchange, d.from_route_id, d.headers, d.id
                        FROM dead_letter d WHERE d.id = :replayOf RETURNING id""")
                .param("route", routeId == null ? "unknown" : routeId)
                .param("reason", truncate(reason, 2000))
                .param("exchange", exchange.getExchangeId())
                .param("replayOf", replayOf)
                .query(Long.class).single();
    }

    /** Last resort when the database itself refused the dead letter: the log still shows what was lost. */
    public void logUnrecorded(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.error("Could not record a dead letter for exchange {} (payload ref {}): {}", exchange.getExchangeId(),
                exchange.getMessage().getHeader(PAYLOAD_REF),
                cause == null ? "unknown" : LogSanitizer.clean(cause.getMessage()));
    }

    /**
     * The body as text, when it has a text form: one without (a record a split handed on, whose payload reference
     * names where it came from) is not stored, rather than making the dead letter itself fail.
     */
    private static String payloadOf(Exchange exchange) {
        Object raw = exchange.getMessage().getBody();
        byte[] body = raw == null ? null
                : exchange.getContext().getTypeConverter().tryConvertTo(byte[].class, exchange, raw);
        if (body == null) {
            return null;
        }
        String text = new String(body, 0, Math.min(body.length, MAX_PAYLOAD_BYTES), StandardCharsets.UTF_8);
        return text.replace("\u0000", "");
    }

    /**
     * The headers the exchange came in with, when it came in through a {@code direct:} endpoint (only such a route can
     * be sent the payload again): scalar values, Camel's own headers and anything carrying a credential left out.
     */
    private String replayableHeaders(Exchange exchange) {
        if (exchange.getFromEndpoint() == null || !exchange.getFromEndpoint().getEndpointUri().startsWith("direct:")) {
            return null;
        }
        Message original = exchange.getUnitOfWork() == null ? null : exchange.getUnitOfWork().getOriginalInMessage();
        Map<String, Object> headers = new TreeMap<>();
        (original == null ? exchange.getMessage() : original).getHeaders().forEach((name, value) -> {
            boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
            if (scalar && !name.toLowerCase(Locale.ROOT).startsWith("camel") && !name.equals(PAYLOAD_REF)
                    && !SECRET_HEADER.matcher(name).matches()) {
                headers.put(name, value);
            }
        });
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
