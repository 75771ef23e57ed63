package com.solarprime.integration.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.calendar.BusinessCalendar;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.shared.ClientError;
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
 * there too, read by the route's enrich step) or by a meeting task booked here and not yet in Kommo.
 */
@Component("meetingCalendar")
public class MeetingCalendar {

    private final MeetingSlots slots;
    private final BusinessCalendar calendar;
    private final JdbcClient jdbc;
    private final Clock clock;

    public MeetingCalendar(MeetingSlots slots, BusinessCalendar calendar, JdbcClient jdbc, Clock clock) {
        this.slots = slots;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The day asked for; 400 when it is not a date. */
    public LocalDate day(String rawDate) {
        try {
            return LocalDate.parse(rawDate == null ? "" : rawDate);
        } catch (DateTimeParseException e) {
            throw new ClientError(400, "date must be YYYY-MM-DD");
        }
    }

    /** Open meeting tasks (type 2) due that day, every page. */
    public KommoRequest kommoMeetingsRequest(LocalDate date) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("filter[task_type]", "2");
        query.put("filter[is_completed]", "0");
        query.put("filter[complete_till][from]", String.valueOf(start(date).getEpochSecond()));
        query.put("filter[complete_till][to]", String.valueOf(start(date.plusDays(1)).getEpochSecond() - 1));
        query.put("limit", "250");
        return KommoRequest.getAll("/api/v4/tasks", query);
    }

    /** Aggregation of the enrich step: the day's slots, taken where a meeting in Kommo or here starts. */
    public Map<String, Object> withKommoMeetings(LocalDate date, JsonNode tasks) {
        List<Instant> busy = new ArrayList<>();
        if (tasks != null) {
            tasks.path("_embedded").path("tasks").forEach(t -> busy.add(Instant.ofEpochSecond(t.path("complete_till").asLong())));
        }
        busy.addAll(jdbc.sql("""
                        SELECT to_timestamp((payload ->> 'complete_till')::bigint) FROM kommo_outbox
                        WHERE kind = 'task' AND status IN ('pending', 'claimed') AND (payload ->> 'task_type_id') = '2'
                          AND (payload ->> 'complete_till')::bigint BETWEEN :from AND :to""")
                .param("from", start(date).getEpochSecond()).param("to", start(date.plusDays(1)).getEpochSecond())
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("date", date.toString());
        reply.put("timezone", calendar.zone().getId());
        reply.put("slots", slots.on(date, clock.instant(), busy).stream()
                .map(s -> Map.of("time", s.time().toString(), "start", s.start().toString(), "available", s.available()))
                .toList());
        return reply;
    }

    private Instant start(LocalDate date) {
        return date.atStartOfDay(calendar.zone()).toInstant();
    }
}
