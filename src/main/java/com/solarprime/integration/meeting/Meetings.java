package com.solarprime.integration.meeting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code meeting} table. A salesperson's active meetings cannot overlap: the database refuses it. */
@Component
public class Meetings {

    /** A meeting in the table. */
    public record Meeting(long id, Long leadId, Long kommoLeadId, String phone, long salespersonId, Instant start,
                          Instant end, String status, String source, Long kommoTaskId) {

        /** Scheduled or confirmed: it takes its salesperson's time. */
        public boolean active() {
            return SCHEDULED.equals(status) || CONFIRMED.equals(status);
        }
    }

    /** A salesperson's time taken by an active meeting. */
    public record Busy(long salespersonId, Instant start, Instant end) {
    }

    public static final String SCHEDULED = "scheduled";
    public static final String CONFIRMED = "confirmed";
    public static final String HELD = "held";
    public static final String NO_SHOW = "no_show";
    public static final String CANCELLED = "cancelled";

    /** The meeting's lead in Kommo, whether the row names it or our lead does. */
    static final String OF_KOMMO_LEAD = "(m.kommo_lead_id = :kommoLead OR m.lead_id IN (SELECT id FROM lead WHERE kommo_lead_id = :kommoLead))";

    private static final String COLUMNS = """
            SELECT m.id, m.lead_id, COALESCE(m.kommo_lead_id, l.kommo_lead_id) AS kommo_lead, l.phone_e164,
                   m.salesperson_id, m.start_at, m.end_at, m.status, m.source, m.kommo_task_id
            FROM meeting m LEFT JOIN lead l ON l.id = m.lead_id""";

    private final JdbcClient jdbc;

    public Meetings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Meeting> find(long id) {
        return jdbc.sql(COLUMNS + " WHERE m.id = ?").param(id).query(Meetings::meeting).optional();
    }

    /** The lead's active meeting booked through the agent or the API. */
    public Optional<Meeting> activeBooking(long leadId) {
        return jdbc.sql(COLUMNS + " WHERE m.lead_id = ? AND m.status IN ('scheduled', 'confirmed') AND m.source IN ('agent', 'api')")
                .param(leadId).query(Meetings::meeting).optional();
    }

    /** The Kommo lead's meeting whose task this is. */
    public Optional<Meeting> byKommoTask(long taskId) {
        return jdbc.sql(COLUMNS + " WHERE m.kommo_task_id = ?").param(taskId).query(Meetings::meeting).optional();
    }

    /** The Kommo lead's meetings, any status, latest first. */
    public List<Meeting> ofKommoLead(long kommoLeadId) {
        return jdbc.sql(COLUMNS + " WHERE " + OF_KOMMO_LEAD + " ORDER BY m.start_at DESC, m.id DESC")
                .param("kommoLead", kommoLeadId).query(Meetings::meeting).list();
    }

    /**
     * A new meeting booked through the API, under the {@code Idempotency-Key} of its request (may be null).
     *
     * @throws org.springframework.dao.DataIntegrityViolationException when the salesperson's time is taken (SQLState
     *         23P01) or the lead has a booking already (23505)
     */
    public long insert(Long leadId, Long kommoLeadId, long salespersonId, Instant start, Instant end, String status,
                       String source, String idempotencyKey) {
        return jdbc.sql("""
                        INSERT INTO meeting (lead_id, kommo_lead_id, salesperson_id, start_at, end_at, status, source, idempotency_key)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(leadId, kommoLeadId, salespersonId, Timestamp.from(start), Timestamp.from(end), status, source,
                        idempotencyKey)
                .query(Long.class).single();
    }

    /** The meeting booked by the request with this {@code Idempotency-Key}, if one was. */
    public Optional<Meeting> byIdempotencyKey(String key) {
        return jdbc.sql(COLUMNS + " WHERE m.idempotency_key = ?").param(key).query(Meetings::meeting).optional();
    }

    /** A new meeting unless it would overlap another of its salesperson's or its task is known already. */
    public Optional<Long> insertIfFree(Long leadId, Long kommoLeadId, long salespersonId, Instant start, Instant end,
                                       String status, String source, Long kommoTaskId) {
        return jdbc.sql("""
                        INSERT INTO meeting (lead_id, kommo_lead_id, salesperson_id, start_at, end_at, status, source, kommo_task_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id""")
                .params(leadId, kommoLeadId, salespersonId, Timestamp.from(start), Timestamp.from(end), status, source,
                        kommoTaskId)
                .query(Long.class).optional();
    }

    /** @throws org.springframework.dao.DataIntegrityViolationException when the new time is taken (SQLState 23P01) */
    public void move(long id, long salespersonId, Instant start, Instant end) {
        jdbc.sql("UPDATE meeting SET salesperson_id = ?, start_at = ?, end_at = ?, updated_at = now() WHERE id = ?")
                .params(salespersonId, Timestamp.from(start), Timestamp.from(end), id).update();
    }

    /** True when the meeting was in one of {@code from} and is now in {@code to}. */
    public boolean setStatus(long id, String to, Collection<String> from) {
        return jdbc.sql("UPDATE meeting SET status = :to, updated_at = now() WHERE id = :id AND status = ANY(:from)")
                .param("to", to).param("id", id).param("from", from.toArray(String[]::new)).update() > 0;
    }

    public void linkTask(long id, long taskId) {
        jdbc.sql("UPDATE meeting SET kommo_task_id = ?, updated_at = now() WHERE id = ? AND kommo_task_id IS NULL")
                .param(taskId).param(id).update();
    }

    /** The active meetings of these salespeople overlapping {@code [from, to)}. */
    public List<Busy> busy(Collection<Long> salespeople, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT salesperson_id, start_at, end_at FROM meeting
                        WHERE status IN ('scheduled', 'confirmed') AND salesperson_id = ANY(:people)
                          AND start_at < :to AND end_at > :from""")
                .param("people", salespeople.toArray(Long[]::new))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new Busy(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** Whether the salesperson has no active meeting overlapping {@code [start, end)} but {@code except}. */
    public boolean free(long salespersonId, Instant start, Instant end, Long except) {
        return !jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM meeting WHERE salesperson_id = :person AND status IN ('scheduled', 'confirmed')
                            AND start_at < :end AND end_at > :start AND id <> COALESCE(CAST(:except AS BIGINT), -1))""")
                .param("person", salespersonId).param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
                .param("except", except).query(Boolean.class).single();
    }

    private static Meeting meeting(ResultSet rs, int row) throws SQLException {
        return new Meeting(rs.getLong("id"), (Long) rs.getObject("lead_id", Long.class),
                (Long) rs.getObject("kommo_lead", Long.class), rs.getString("phone_e164"), rs.getLong("salesperson_id"),
                rs.getTimestamp("start_at").toInstant(), rs.getTimestamp("end_at").toInstant(), rs.getString("status"),
                rs.getString("source"), (Long) rs.getObject("kommo_task_id", Long.class));
    }
}
