package com.solarprime.integration.console;

import com.solarprime.integration.shared.LogSanitizer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Dead letters as the console lists them: filtered by route, date and state, a page at a time. */
@Component
public class DeadLetterQuery {

    /** Which dead letters: {@code open} (neither replayed nor discarded), {@code replayed}, {@code discarded}, {@code all}. */
    public enum State { OPEN, REPLAYED, DISCARDED, ALL }

    /**
     * @param route a route id, null for all
     * @param from the first day, in the console's zone; null for no limit
     * @param to the last day, included; null for no limit
     * @param page from 1
     */
    public record Filter(String route, LocalDate from, LocalDate to, State state, int page) {

        public Filter {
            route = route == null || route.isBlank() ? null : route.strip();
            state = state == null ? State.OPEN : state;
            page = Math.max(1, page);
        }

        public String stateName() {
            return state.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One dead letter.
     *
     * @param reason scrubbed of secrets and phone numbers
     * @param replayOf the dead letter whose replay failed into this one, if it is one
     * @param target where a replay would send it, or why it cannot be replayed
     */
    public record Row(long id, Instant failedAt, String routeId, String reason, String payloadRef, Instant replayedAt,
                      String replayedBy, String replayOutcome, Instant discardedAt, String discardedBy, Long replayOf,
                      ReplayTarget target) {

        public boolean isOpen() {
            return replayedAt == null && discardedAt == null;
        }
    }

    public record Page(Filter filter, List<Row> rows, long total, int pages, List<String> routes) {

        public boolean hasPrevious() {
            return filter.page() > 1;
        }

        public boolean hasNext() {
            return filter.page() < pages;
        }
    }

    private static final String COLUMNS = """
            id, failed_at, route_id, reason, payload_ref, replayed_at, replayed_by, replay_outcome, discarded_at,
            discarded_by, replay_of, from_route_id""";
    private static final String WHERE = """
            WHERE (:route::text IS NULL OR route_id = :route)
              AND (:from::timestamptz IS NULL OR failed_at >= :from)
              AND (:to::timestamptz IS NULL OR failed_at < :to)
              AND (:state = 'ALL'
                   OR (:state = 'OPEN' AND replayed_at IS NULL AND discarded_at IS NULL)
                   OR (:state = 'REPLAYED' AND replayed_at IS NOT NULL)
                   OR (:state = 'DISCARDED' AND discarded_at IS NOT NULL))""";

    private final JdbcClient jdbc;
    private final ReplayTargets targets;
    private final ConsoleProperties console;

    public DeadLetterQuery(JdbcClient jdbc, ReplayTargets targets, ConsoleProperties console) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.console = console;
    }

    public Page read(Filter filter) {
        Timestamp from = filter.from() == null ? null : Timestamp.from(filter.from().atStartOfDay(console.zone()).toInstant());
        Timestamp to = filter.to() == null ? null
                : Timestamp.from(filter.to().plusDays(1).atStartOfDay(console.zone()).toInstant());
        long total = jdbc.sql("SELECT count(*) FROM dead_letter " + WHERE)
                .param("route", filter.route()).param("from", from).param("to", to).param("state", filter.state().name())
                .query(Long.class).single();
        int size = console.pageSize();
        List<Row> rows = jdbc.sql("SELECT " + COLUMNS + " FROM dead_letter " + WHERE
                        + " ORDER BY failed_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .param("route", filter.route()).param("from", from).param("to", to).param("state", filter.state().name())
                .param("limit", size).param("offset", (long) (filter.page() - 1) * size)
                .query(this::row).list();
        List<String> routes = jdbc.sql("SELECT DISTINCT route_id FROM dead_letter ORDER BY route_id").query(String.class).list();
        return new Page(filter, rows, total, (int) Math.max(1, (total + size - 1) / size), routes);
    }

    /** The dead letter an action was about, for the notice that reports it. */
    public Optional<Row> one(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?").param(id).query(this::row).optional();
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), instant(rs.getTimestamp("failed_at")), rs.getString("route_id"),
                LogSanitizer.clean(rs.getString("reason")), rs.getString("payload_ref"),
                instant(rs.getTimestamp("replayed_at")), rs.getString("replayed_by"),
                LogSanitizer.clean(rs.getString("replay_outcome")), instant(rs.getTimestamp("discarded_at")),
                rs.getString("discarded_by"), (Long) rs.getObject("replay_of", Long.class),
                targets.of(rs.getString("payload_ref"), rs.getString("route_id"), rs.getString("from_route_id")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
