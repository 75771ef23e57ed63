package com.solarprime.integration.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.calendar.BusinessCalendar;
import com.solarprime.integration.followup.FollowUpProperties;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.shared.ClientError;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which meeting slots of a day are free. A slot is taken by an open meeting task in Kommo (people book them
 * there too) or by a meeting booked here and not yet in Kommo (a pending meeting task, a meeting reminder).
 */
@Component("meetingCalendar")
public class MeetingCalendar {

    private final MeetingSlots slots;
    private final KommoClient kommo;
    private final BusinessCalendar calendar;
    private final FollowUpProperties followUps;
    private final JdbcClient jdbc;
    private final Clock clock;

    public MeetingCalendar(MeetingSlots slots, KommoClient kommo, BusinessCalendar calendar, FollowUpProperties followUps,
                           JdbcClient jdbc, Clock clock) {
        this.slots = slots;
        this.kommo = kommo;
        this.calendar = calendar;
        this.followUps = followUps;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Map<String, Object> slots(String rawDate) {
        LocalDate date;
        try {
            date = LocalDate.parse(rawDate == null ? "" : rawDate);
        } catch (DateTimeParseException e) {
            throw new ClientError(400, "date must be YYYY-MM-DD");
        }
        Instant dayStart = date.atStartOfDay(calendar.zone()).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(calendar.zone()).toInstant();
        List<Instant> busy = new ArrayList<>(kommoMeetings(dayStart, dayEnd));
        busy.addAll(jdbc.sql("""
                        SELECT to_timestamp((payload ->> 'complete_till')::bigint) FROM kommo_outbox
                        WHERE kind = 'task' AND status IN ('pending', 'in_flight') AND (payload ->> 'task_type_id') = '2'
                          AND (payload ->> 'complete_till')::bigint BETWEEN :from AND :to""")
                .param("from", dayStart.getEpochSecond()).param("to", dayEnd.getEpochSecond())
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list());
        busy.addAll(jdbc.sql("""
                        SELECT due_at + make_interval(secs => :before) FROM follow_up
                        WHERE type = 'MEETING_REMINDER' AND status IN ('pending', 'claimed', 'sent')
                          AND due_at + make_interval(secs => :before) >= :from AND due_at + make_interval(secs => :before) < :to""")
                .param("before", followUps.meetingReminderBefore().toSeconds())
                .param("from", Timestamp.from(dayStart)).param("to", Timestamp.from(dayEnd))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("date", date.toString());
        reply.put("timezone", calendar.zone().getId());
        reply.put("slots", slots.on(date, clock.instant(), busy).stream()
                .map(s -> Map.of("time", s.time().toString(), "start", s.start().toString(), "available", s.available()))
                .toList());
        return reply;
    }

    private List<Instant> kommoMeetings(Instant from, Instant to) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("filter[task_type]", "2");
        query.put("filter[is_completed]", "0");
        query.put("filter[complete_till][from]", String.valueOf(from.getEpochSecond()));
        query.put("filter[complete_till][to]", String.valueOf(to.getEpochSecond() - 1));
        query.put("limit", "250");
        JsonNode tasks = kommo.call(KommoRequest.getAll("/api/v4/tasks", query));
        List<Instant> busy = new ArrayList<>();
        if (tasks != null) {
            tasks.path("_embedded").path("tasks").forEach(t -> busy.add(Instant.ofEpochSecond(t.path("complete_till").asLong())));
        }
        return busy;
    }
}
