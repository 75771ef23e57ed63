package com.solarprime.integration.meeting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.calendar.BusinessCalendar;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.meeting.Meetings.Meeting;
import com.solarprime.integration.qualification.LocalStage;
import com.solarprime.integration.qualification.StageMapper;
import com.solarprime.integration.shared.ClientError;
import com.solarprime.integration.shared.IdempotencyKey;
import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.shared.TextTemplate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * The meetings API's computations: requests read and checked, the salesperson chosen, the meeting row written (the
 * database refusing a time taken meanwhile), and the answers. The {@code meetings} route does the rest of each use
 * case (stage, Kommo, follow-ups) as its own steps.
 */
@Component("meetingBooking")
public class MeetingBooking {

    /** What {@code POST /api/meetings} asks for, under the request's {@code Idempotency-Key} (may be null). */
    public record BookingRequest(String phone, Instant start, String salesperson, String source, String idempotencyKey) {
    }

    /** What {@code PATCH /api/meetings/{id}} asks for. */
    public record Reschedule(long id, Instant start, String salesperson) {
    }

    private static final String OVERLAP = "23P01";
    private static final String UNIQUE = "23505";
    private static final String DEADLOCK = "40P01";
    private static final Set<String> SOURCES = Set.of("agent", "api");

    private final ObjectMapper json;
    private final Leads leads;
    private final Meetings meetings;
    private final Salespeople salespeople;
    private final MeetingSlots slots;
    private final BusinessCalendar calendar;
    private final AccountMap map;
    private final Duration length;
    private final Clock clock;
    private final TextTemplate taskText = TextTemplate.fromClasspath("templates/meetings/task.txt");
    private final TextTemplate cancelledText = TextTemplate.fromClasspath("templates/meetings/cancelled.txt");

    public MeetingBooking(ObjectMapper json, Leads leads, Meetings meetings, Salespeople salespeople, MeetingSlots slots,
                          BusinessCalendar calendar, AccountMap map, MeetingProperties properties, Clock clock) {
        this.json = json;
        this.leads = leads;
        this.meetings = meetings;
        this.salespeople = salespeople;
        this.slots = slots;
        this.calendar = calendar;
        this.map = map;
        this.length = properties.length();
        this.clock = clock;
    }

    /** {@code {"phone", "start", "salesperson"?, "source"?}}: 400 listing every invalid field or a malformed key. */
    public BookingRequest parse(String body, String idempotencyKey) {
        String key = IdempotencyKey.of(idempotencyKey);
        JsonNode request = object(body, "phone and start");
        List<Map<String, String>> errors = new ArrayList<>();
        String phone = PhoneNumbers.tryE164(request.path("phone").asText(null)).orElse(null);
        if (phone == null) {
            errors.add(error("phone", "not a valid phone number"));
        }
        Instant start = start(request, errors);
        String source = request.hasNonNull("source") ? request.get("source").asText() : "api";
        if (!SOURCES.contains(source)) {
            errors.add(error("source", "agent or api"));
        }
        String salesperson = salesperson(request, errors);
        refuseIfAny(errors);
        return new BookingRequest(phone, start, salesperson, source, key);
    }

    /**
     * The meeting an earlier request with this one's {@code Idempotency-Key} booked, as it is now; null when there is
     * none. 422 when that request asked for another lead, time or salesperson.
     */
    public MeetingView earlier(BookingRequest request) {
        if (request.idempotencyKey() == null) {
            return null;
        }
        return meetings.byIdempotencyKey(request.idempotencyKey()).map(meeting -> {
            boolean same = leads.byPhone(request.phone()).map(Lead::id).filter(meeting.leadId()::equals).isPresent()
                    && meeting.start().equals(request.start().truncatedTo(ChronoUnit.MICROS))
                    && (request.salesperson() == null
                            || salesperson(request.salesperson()).userId() == meeting.salespersonId());
            if (!same) {
                throw new ClientError(422, "this Idempotency-Key was used for another request");
            }
            return view(meeting);
        }).orElse(null);
    }

    /** {@code {"start", "salesperson"?}}: 400 listing every invalid field. */
    public Reschedule parseReschedule(String id, String body) {
        long meetingId = id(id);
        JsonNode request = object(body, "start");
        List<Map<String, String>> errors = new ArrayList<>();
        Instant start = start(request, errors);
        String salesperson = salesperson(request, errors);
        refuseIfAny(errors);
        return new Reschedule(meetingId, start, salesperson);
    }

    /**
     * Books the lead's meeting, in the route's transaction: with the salesperson asked for, else the lead's responsible
     * salesperson, else the first free one by the seed's responsibility rules. 404 for an unknown lead, 400 for a time
     * in the past or outside the salesperson's hours, 409 when the time is taken (also by a booking committed a moment
     * earlier) or the lead already has a meeting. The lead's bookings are taken one at a time (its row is locked), so a
     * copy of a request sent while the first was still being committed finds that first meeting.
     */
    public Booking book(BookingRequest request) {
        Lead lead = leads.lockedByPhone(request.phone())
                .orElseThrow(() -> new ClientError(404, "no lead with this phone"));
        meetings.activeBooking(lead.id()).ifPresent(existing -> {
            throw new ClientError(409, "the lead already has a meeting (id " + existing.id()
                    + "): PATCH /api/meetings/" + existing.id() + " to move it");
        });
        Instant start = request.start();
        Instant end = start.plus(length);
        requireAhead(start);
        List<Salesperson> candidates = request.salesperson() != null ? List.of(salesperson(request.salesperson()))
                : salespeople.byUserId(lead.responsibleUserId()).map(List::of).orElseGet(() -> salespeople.inOrderFor(lead));
        if (candidates.isEmpty()) {
            throw new ClientError(409, "no salesperson takes meetings: see solarprime.meetings.salespeople");
        }
        List<Salesperson> working = candidates.stream().filter(s -> s.available(start, end, calendar)).toList();
        if (working.isEmpty()) {
            throw outsideHours(candidates);
        }
        Salesperson chosen = working.stream().filter(s -> meetings.free(s.userId(), start, end, null)).findFirst()
                .orElseThrow(MeetingBooking::taken);
        long id;
        try {
            id = meetings.insert(lead.id(), lead.kommoLeadId(), chosen.userId(), start, end, Meetings.SCHEDULED,
                    request.source(), request.idempotencyKey());
        } catch (DataIntegrityViolationException | PessimisticLockingFailureException e) {
            throw refusal(e);
        }
        LocalStage stage = stageOf(lead);
        boolean moves = StageMapper.nextStage(stage, LocalStage.MEETING_SCHEDULED) == LocalStage.MEETING_SCHEDULED
                && stage != LocalStage.MEETING_SCHEDULED;
        return booking(meetings.find(id).orElseThrow(), lead, stage, moves, null);
    }

    /** Moves an active meeting, in the route's transaction: 404, 400 as for a booking, 409 when taken or not active. */
    public Booking reschedule(Reschedule request) {
        Meeting meeting = meetings.find(request.id()).orElseThrow(() -> new ClientError(404, "no meeting with this id"));
        if (!meeting.active()) {
            throw new ClientError(409, "the meeting is " + meeting.status() + ": only a scheduled or confirmed one moves");
        }
        Instant start = request.start();
        Instant end = start.plus(length);
        requireAhead(start);
        Salesperson salesperson = request.salesperson() != null ? salesperson(request.salesperson())
                : salespeople.byUserId(meeting.salespersonId()).orElseThrow(() -> new ClientError(409,
                        "the meeting's salesperson takes no meetings here: name another salesperson"));
        if (!salesperson.available(start, end, calendar)) {
            throw outsideHours(List.of(salesperson));
        }
        if (!meetings.free(salesperson.userId(), start, end, meeting.id())) {
            throw taken();
        }
        try {
            meetings.move(meeting.id(), salesperson.userId(), start, end);
        } catch (DataIntegrityViolationException | PessimisticLockingFailureException e) {
            throw refusal(e);
        }
        Lead lead = meeting.leadId() == null ? null : leads.byId(meeting.leadId());
        return booking(meetings.find(meeting.id()).orElseThrow(), lead, lead == null ? null : stageOf(lead), false, null);
    }

    /** Cancels a meeting, in the route's transaction: 404; 409 for one held or missed; cancelling twice is no error. */
    public Booking cancel(String id) {
        Meeting meeting = meetings.find(id(id)).orElseThrow(() -> new ClientError(404, "no meeting with this id"));
        if (!meeting.active() && !Meetings.CANCELLED.equals(meeting.status())) {
            throw new ClientError(409, "the meeting is " + meeting.status() + " and can no longer be cancelled");
        }
        meetings.setStatus(meeting.id(), Meetings.CANCELLED, List.of(Meetings.SCHEDULED, Meetings.CONFIRMED));
        Lead lead = meeting.leadId() == null ? null : leads.byId(meeting.leadId());
        return booking(meetings.find(meeting.id()).orElseThrow(), lead, lead == null ? null : stageOf(lead), false,
                cancelledText.render(Map.of()));
    }

    public MeetingView view(String id) {
        return view(meetings.find(id(id)).orElseThrow(() -> new ClientError(404, "no meeting with this id")));
    }

    /**
     * {@code GET /api/meetings/slots?date=&salesperson=}: the day's slots from the meeting table, each with the
     * salespeople free then (all of them, or the one asked for).
     */
    public Map<String, Object> slots(String rawDate, String salesperson) {
        LocalDate date;
        try {
            date = LocalDate.parse(rawDate == null ? "" : rawDate);
        } catch (DateTimeParseException e) {
            throw new ClientError(400, "date must be YYYY-MM-DD");
        }
        List<Salesperson> asked = salesperson == null || salesperson.isBlank() ? salespeople.all()
                : List.of(salesperson(salesperson));
        Instant dayStart = calendar.atLocalTime(date, LocalTime.MIDNIGHT);
        Instant dayEnd = calendar.atLocalTime(date.plusDays(1), LocalTime.MIDNIGHT);
        List<Meetings.Busy> busy = asked.isEmpty() ? List.of()
                : meetings.busy(asked.stream().map(Salesperson::userId).toList(), dayStart, dayEnd);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("date", date.toString());
        reply.put("timezone", calendar.zone().getId());
        reply.put("salesperson", salesperson == null || salesperson.isBlank() ? null : asked.get(0).name());
        reply.put("slots", slots.on(date, clock.instant(), asked, busy).stream().map(slot -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("time", slot.time().toString());
            json.put("start", slot.start().toString());
            json.put("end", slot.end().toString());
            json.put("available", slot.available());
            json.put("salespeople", slot.free().stream().map(Salesperson::name).toList());
            return json;
        }).toList());
        return reply;
    }

    private Booking booking(Meeting meeting, Lead lead, LocalStage stage, boolean moves, String resultText) {
        String name = lead == null ? null : lead.name();
        return new Booking(view(meeting), meeting.leadId(), meeting.kommoLeadId(), name,
                lead == null ? null : lead.score(), lead == null ? null : lead.responsibleUserId(),
                stage == null ? null : stage.name(), moves, taskText.render(values(name)), resultText);
    }

    private MeetingView view(Meeting meeting) {
        return new MeetingView(meeting.id(), meeting.phone(), salespeople.name(meeting.salespersonId()),
                meeting.salespersonId(), meeting.start(), meeting.end(), meeting.status(), meeting.source(),
                meeting.kommoTaskId());
    }

    /** Where the lead is: Kommo's stage when Kommo has told us, else ours. */
    private LocalStage stageOf(Lead lead) {
        return Optional.ofNullable(lead.kommoStatusId()).flatMap(map::stageKeyOf).map(LocalStage::valueOf)
                .orElse(lead.stage());
    }

    private void requireAhead(Instant start) {
        if (!start.isAfter(clock.instant())) {
            throw new ClientError(400, "start is in the past");
        }
    }

    private Salesperson salesperson(String name) {
        return salespeople.find(name).orElseThrow(() -> new ClientError(400, "no salesperson " + name
                + ": one of " + salespeople.all().stream().map(Salesperson::name).toList()));
    }

    private ClientError outsideHours(List<Salesperson> candidates) {
        List<Map<String, Object>> hours = candidates.stream().map(s -> Map.<String, Object>of("salesperson", s.name(),
                "days", s.days().stream().sorted().toList(), "open", s.open().toString(), "close", s.close().toString())).toList();
        return new ClientError(400, "the meeting must fit in the salesperson's working hours (" + length.toMinutes()
                + " min, not on holidays)", hours);
    }

    private static ClientError taken() {
        return new ClientError(409, "the slot was just taken");
    }

    /**
     * The database refused the row: another booking committed the same time, or another meeting of the lead. Two
     * overlapping insertions checking the exclusion constraint at the same moment wait for each other, and PostgreSQL
     * aborts one as a deadlock: nothing but the row is written before it, so that too means the time was taken.
     */
    private static ClientError refusal(DataAccessException e) {
        String state = sqlState(e);
        if (OVERLAP.equals(state) || DEADLOCK.equals(state)) {
            return taken();
        }
        if (UNIQUE.equals(state)) {
            return new ClientError(409, "the lead already has a meeting");
        }
        throw e;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private Instant start(JsonNode request, List<Map<String, String>> errors) {
        String text = request.path("start").asText("");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(calendar.zone()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(error("start", "must be an ISO-8601 date and time, e.g. 2027-03-03T10:00:00-03:00 "
                        + "(without an offset: " + calendar.zone().getId() + ")"));
                return null;
            }
        }
    }

    private static String salesperson(JsonNode request, List<Map<String, String>> errors) {
        JsonNode salesperson = request.get("salesperson");
        if (salesperson == null || salesperson.isNull()) {
            return null;
        }
        if (!salesperson.isValueNode() || salesperson.asText().isBlank()) {
            errors.add(error("salesperson", "a salesperson's e-mail or Kommo user id"));
            return null;
        }
        return salesperson.asText().strip();
    }

    private JsonNode object(String body, String fields) {
        JsonNode request;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new ClientError(400, "body is not valid JSON");
        }
        if (request == null || !request.isObject()) {
            throw new ClientError(400, "body must be a JSON object with " + fields);
        }
        return request;
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ClientError(400, "meeting id must be a number");
        }
    }

    private static void refuseIfAny(List<Map<String, String>> errors) {
        if (!errors.isEmpty()) {
            throw new ClientError(400, errors.size() + " invalid field(s)", errors);
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static Map<String, Object> values(String name) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        return values;
    }
}
