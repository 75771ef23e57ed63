package com.solarprime.integration.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.shared.ClientError;
import com.solarprime.integration.shared.DeadLetters;
import com.solarprime.integration.shared.Failures;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code dead-letters} routes: an operator replays a dead letter (once, however many press Replay
 * at the same moment, on however many instances) or discards it (the row stays, saying who and when). Each step
 * answers where the operator's browser goes next: the dead-letters page with what happened.
 */
@Component("deadLetterReplays")
public class DeadLetterReplays implements AggregationStrategy {

    /** Exchange property holding the replay under way. */
    static final String REPLAY = "deadLetterReplay";
    /** Exchange property holding the endpoint a payload is sent to again. */
    static final String URI = "deadLetterReplayUri";
    private static final String PAGE = "/ops/dead-letters";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplays.class);

    /**
     * A replay asked for: claimed (then {@code target} says what to do), or refused with the notice saying why.
     *
     * @param notice what the page tells the operator: {@code replayed}, {@code already-replayed}, {@code discarded},
     *               {@code not-replayable}; {@code replay-failed} once a re-sent payload failed again
     */
    public record Replay(long id, ReplayTarget target, String notice, String payload, Map<String, Object> headers) {

        public boolean isRequeue() {
            return "replayed".equals(notice) && target.kind() == ReplayTarget.Kind.QUEUE;
        }

        public boolean isResend() {
            return "replayed".equals(notice) && target.kind() == ReplayTarget.Kind.ROUTE;
        }

        Replay withNotice(String newNotice) {
            return new Replay(id, target, newNotice, payload, headers);
        }
    }

    private record Row(String routeId, String fromRouteId, String payloadRef, String payload, String headers,
                       boolean replayed, boolean discarded) {
    }

    private final JdbcClient jdbc;
    private final ReplayTargets targets;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;

    public DeadLetterReplays(JdbcClient jdbc, ReplayTargets targets, DeadLetters deadLetters, ObjectMapper json) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    /**
     * Refuses an id that names no dead letter (404) or is not a number (400), before the claim's transaction: a refusal
     * thrown inside a transacted route leaves the exchange rollback-only, and the caller then answered 500.
     */
    public void requireKnown(String rawId) {
        long id = id(rawId);
        row(id).orElseThrow(() -> new ClientError(404, "no dead letter " + id));
    }

    /**
     * Claims the dead letter for this replay in one statement: only while it is neither replayed nor discarded, so
     * of two replays at once exactly one gets it. One that cannot be replayed is not claimed.
     */
    public Replay claim(String rawId, String operator) {
        long id = id(rawId);
        Row row = row(id).orElseThrow(() -> new ClientError(404, "no dead letter " + id));
        ReplayTarget target = targets.of(row.payloadRef(), row.routeId(), row.fromRouteId());
        if (row.replayed() || row.discarded()) {
            return new Replay(id, target, row.replayed() ? "already-replayed" : "discarded", null, Map.of());
        }
        if (!target.isReplayable()) {
            return new Replay(id, target, "not-replayable", null, Map.of());
        }
        boolean claimed = jdbc.sql("""
                        UPDATE dead_letter SET replayed_at = now(), replayed_by = :operator, replay_outcome = :outcome
                        WHERE id = :id AND replayed_at IS NULL AND discarded_at IS NULL RETURNING id""")
                .param("operator", operator(operator))
                .param("outcome", target.describe())
                .param("id", id)
                .query(Long.class).optional().isPresent();
        if (!claimed) {
            Row now = row(id).orElseThrow();
            return new Replay(id, target, now.replayed() ? "already-replayed" : "discarded", null, Map.of());
        }
        log.info("Dead letter {} replayed by {}: {}", id, operator(operator), target.describe());
        return new Replay(id, target, "replayed", row.payload(), headers(row.headers()));
    }

    /**
     * The work row goes back to pending with its attempts reset, for its worker to take, in the claim's transaction.
     * A row that is no longer failed (another way brought it back) is left as it is.
     */
    public void requeue(Replay replay) {
        ReplayTarget target = replay.target();
        int requeued = jdbc.sql("UPDATE " + table(target.table()) + " SET status = 'pending', attempts = 0, "
                        + "next_attempt_at = now(), claimed_by = NULL, claimed_at = NULL WHERE id = ? AND status = 'failed'")
                .param(target.rowId()).update();
        if (requeued == 0) {
            outcome(replay.id(), target.describe().replace(" back to its queue", "") + " was no longer failed: left as it is");
        }
    }

    /** The payload and the headers it came in with, for the endpoint of the route that received it. */
    public void restore(Exchange exchange) {
        Replay replay = exchange.getMessage().getBody(Replay.class);
        exchange.setProperty(REPLAY, replay);
        exchange.setProperty(URI, replay.target().uri());
        exchange.setProperty(DeadLetters.REPLAY_OF, replay.id());
        exchange.getMessage().setHeaders(new java.util.HashMap<>(replay.headers()));
        exchange.getMessage().setBody(replay.payload());
    }

    /**
     * How the re-sent payload fared. A failure was recorded as a new dead letter by the route's error handling (the
     * old one stays replayed); one that reached here unrecorded (a route that hands errors to its caller) is recorded
     * now the same way.
     */
    @Override
    public Exchange aggregate(Exchange original, Exchange resent) {
        Replay replay = original.getProperty(REPLAY, Replay.class);
        original.removeProperty(DeadLetters.REPLAY_OF);
        Exception unhandled = resent.getException();
        Exception caught = resent.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Long failedAgain = resent.getProperty(DeadLetters.RECORDED_AS, Long.class);
        if (unhandled != null && failedAgain == null) {
            resent.setException(null);
            resent.setProperty(Exchange.EXCEPTION_CAUGHT, unhandled);
            deadLetters.record(resent);
            failedAgain = resent.getProperty(DeadLetters.RECORDED_AS, Long.class);
        }
        if (failedAgain != null) {
            outcome(replay.id(), replay.target().describe() + "; it failed again ("
                    + Failures.reason(unhandled != null ? unhandled : caught) + "): dead letter " + failedAgain);
            original.getMessage().setBody(replay.withNotice("replay-failed"));
        } else {
            outcome(replay.id(), replay.target().describe() + ": processed");
            original.getMessage().setBody(replay);
        }
        return original;
    }

    /** Where the operator's browser goes after a replay: the page, saying what happened to which dead letter. */
    public String location(Replay replay) {
        return PAGE + "?notice=" + replay.notice() + "&id=" + replay.id();
    }

    /** Puts the dead letter aside: kept, with who discarded it and when. A replayed one stays replayed. */
    public String discard(String rawId, String operator) {
        long id = id(rawId);
        Row row = row(id).orElseThrow(() -> new ClientError(404, "no dead letter " + id));
        int discarded = jdbc.sql("""
                        UPDATE dead_letter SET discarded_at = now(), discarded_by = ?
                        WHERE id = ? AND replayed_at IS NULL AND discarded_at IS NULL""")
                .param(operator(operator)).param(id).update();
        if (discarded == 1) {
            log.info("Dead letter {} of route {} discarded by {}", id, row.routeId(), operator(operator));
            return PAGE + "?notice=discarded-now&id=" + id;
        }
        Row now = row(id).orElseThrow();
        return PAGE + "?notice=" + (now.replayed() ? "already-replayed" : "discarded") + "&id=" + id;
    }

    private void outcome(long id, String outcome) {
        jdbc.sql("UPDATE dead_letter SET replay_outcome = ? WHERE id = ?").param(outcome).param(id).update();
    }

    private Optional<Row> row(long id) {
        return jdbc.sql("""
                        SELECT route_id, from_route_id, payload_ref, payload, headers::text,
                            replayed_at IS NOT NULL, discarded_at IS NOT NULL
                        FROM dead_letter WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getBoolean(7)))
                .optional();
    }

    private Map<String, Object> headers(String stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            return json.readValue(stored, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead letter headers are not a JSON object", e);
        }
    }

    /** Only the work tables a reference may name reach the SQL. */
    private static String table(String table) {
        if (!"inbox".equals(table) && !"stage_history".equals(table)) {
            throw new IllegalArgumentException("not a work table: " + table);
        }
        return table;
    }

    private static long id(String raw) {
        try {
            return Long.parseLong(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw new ClientError(400, "the dead letter id must be a number");
        }
    }

    private static String operator(String operator) {
        return operator == null || operator.isBlank() ? "unknown" : operator;
    }
}
