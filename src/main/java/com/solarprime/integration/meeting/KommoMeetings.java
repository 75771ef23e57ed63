package com.solarprime.integration.meeting;

import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoEventHandler;
import com.solarprime.integration.kommo.webhook.KommoCustomField;
import com.solarprime.integration.kommo.webhook.KommoEvent;
import com.solarprime.integration.meeting.Meetings.Meeting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Meetings people make in Kommo count as those booked here: a meeting task (type 2) on a lead, or the "Data/Hora
 * Reunião" set on a lead with no meeting, becomes a meeting row (source {@code kommo}) that takes its salesperson's
 * time; completing a meeting's task marks it {@code held}. Runs in the Kommo delivery's transaction.
 *
 * <p>Kommo reports our own writes too: a task we created (its id recorded, or not yet: it matches the lead's meeting
 * by time, or the lead's booking still on its way to Kommo) and the date field we set are recognised, not doubled.
 */
@Component
public class KommoMeetings implements KommoEventHandler {

    private static final Logger log = LoggerFactory.getLogger(KommoMeetings.class);
    /** Kommo's built-in meeting task type. */
    private static final String MEETING_TASK = "2";
    /** Webhooks name a lead entity 2 (API v4 says "leads"). */
    private static final Set<String> LEAD_ENTITY = Set.of("2", "leads", "lead");
    private static final List<String> ACTIVE = List.of(Meetings.SCHEDULED, Meetings.CONFIRMED);

    private final Meetings meetings;
    private final AccountMap map;
    private final JdbcClient jdbc;
    private final Duration length;
    private final Clock clock;

    public KommoMeetings(Meetings meetings, AccountMap map, JdbcClient jdbc, MeetingProperties properties, Clock clock) {
        this.meetings = meetings;
        this.map = map;
        this.jdbc = jdbc;
        this.length = properties.length();
        this.clock = clock;
    }

    @Override
    public boolean handle(KommoEvent event) {
        if ("tasks".equals(event.entity()) && ("add".equals(event.action()) || "update".equals(event.action()))) {
            return task(event);
        }
        if ("leads".equals(event.entity()) && ("add".equals(event.action()) || "update".equals(event.action()))) {
            return meetingDate(event);
        }
        return false;
    }

    /** Webhooks speak Kommo's older vocabulary (element_id, task_type, status); API v4 names are read too. */
    private boolean task(KommoEvent event) {
        Optional<Long> taskId = event.entityId();
        Optional<Long> kommoLead = event.longField("element_id").or(() -> event.longField("entity_id"));
        String type = event.field("task_type").or(() -> event.field("task_type_id")).orElse("");
        String entity = event.field("element_type").or(() -> event.field("entity_type")).orElse("2");
        Optional<Long> due = event.longField("complete_till");
        if (taskId.isEmpty() || kommoLead.isEmpty() || due.isEmpty() || !MEETING_TASK.equals(type)
                || !LEAD_ENTITY.contains(entity)) {
            return false;
        }
        Instant start = Instant.ofEpochSecond(due.get());
        boolean completed = event.field("status").or(() -> event.field("is_completed"))
                .map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(false);
        Optional<Meeting> known = meetings.byKommoTask(taskId.get())
                .or(() -> sameMeeting(kommoLead.get(), start, taskId.get()));
        if (known.isPresent()) {
            if (completed) {
                meetings.setStatus(known.get().id(), Meetings.HELD, List.of(Meetings.SCHEDULED, Meetings.CONFIRMED,
                        Meetings.NO_SHOW));
            }
            return true;
        }
        if (!completed && bookingOnItsWay(kommoLead.get(), taskId.get())) {
            return true;
        }
        Long salesperson = event.longField("responsible_user_id").orElse(null);
        if (salesperson == null) {
            return false;
        }
        Duration duration = event.longField("duration").filter(d -> d > 0).map(Duration::ofSeconds).orElse(length);
        record(kommoLead.get(), salesperson, start, start.plus(duration), completed ? Meetings.HELD : Meetings.SCHEDULED,
                taskId.get());
        return true;
    }

    /**
     * The lead's active meeting at the task's time is the task's meeting (Kommo reporting the task we created before
     * we recorded its id, or a second task a person made for it); it takes the task's id when it has none.
     */
    private Optional<Meeting> sameMeeting(long kommoLead, Instant start, long taskId) {
        Optional<Meeting> same = meetings.ofKommoLead(kommoLead).stream()
                .filter(m -> m.active() && m.start().equals(start)).findFirst();
        same.filter(m -> m.kommoTaskId() == null).ifPresent(m -> meetings.linkTask(m.id(), taskId));
        return same;
    }

    /**
     * A booking of the lead whose Kommo task is being created (its time may have moved since), or whose task this
     * turned out to be a moment ago.
     */
    private boolean bookingOnItsWay(long kommoLead, long taskId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM meeting m WHERE m.kommo_task_id = :task)
                            OR EXISTS (SELECT 1 FROM meeting m JOIN kommo_outbox o ON o.meeting_id = m.id
                                       WHERE %s AND m.kommo_task_id IS NULL AND m.source <> 'kommo'
                                         AND o.status IN ('pending', 'claimed'))""".formatted(Meetings.OF_KOMMO_LEAD))
                .param("kommoLead", kommoLead).param("task", taskId).query(Boolean.class).single();
    }

    /**
     * A person set "Data/Hora Reunião" on a lead with no meeting: a meeting then, with the lead's responsible user.
     * A date some meeting of the lead already has is ours (or was), and a lead with an active meeting keeps it: the
     * meeting table, not the field, says when that one is.
     */
    private boolean meetingDate(KommoEvent event) {
        Optional<Long> field = map.id(AccountMap.FIELD, "meeting_datetime");
        Optional<Long> kommoLead = event.entityId();
        if (field.isEmpty() || kommoLead.isEmpty()) {
            return false;
        }
        Optional<Instant> start = event.customField(field.get()).map(KommoCustomField::value).flatMap(KommoMeetings::instant);
        if (start.isEmpty() || !start.get().isAfter(clock.instant())) {
            return false;
        }
        if (known(kommoLead.get(), start.get())) {
            return false;
        }
        Optional<Long> salesperson = event.longField("responsible_user_id").or(() -> responsibleUser(kommoLead.get()));
        if (salesperson.isEmpty()) {
            return false;
        }
        record(kommoLead.get(), salesperson.get(), start.get(), start.get().plus(length), Meetings.SCHEDULED, null);
        return true;
    }

    /**
     * The lead has an active meeting, or had one at that time; or it is our lead's creation reported back: the sync
     * creates a lead in Kommo with its meeting date, and Kommo may report the new lead before the sync has recorded
     * its Kommo id here. One statement, so that the sync's commit cannot fall between two looks.
     */
    private boolean known(long kommoLead, Instant start) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM meeting m LEFT JOIN lead l ON l.id = m.lead_id
                            WHERE ((m.kommo_lead_id = :kommoLead OR l.kommo_lead_id = :kommoLead)
                                   AND (m.status IN ('scheduled', 'confirmed') OR m.start_at = :start))
                               OR (m.lead_id IS NOT NULL AND l.kommo_lead_id IS NULL
                                   AND m.status IN ('scheduled', 'confirmed') AND m.start_at = :start))""")
                .param("kommoLead", kommoLead).param("start", java.sql.Timestamp.from(start)).query(Boolean.class).single();
    }

    private void record(long kommoLead, long salesperson, Instant start, Instant end, String status, Long taskId) {
        Long leadId = jdbc.sql("SELECT id FROM lead WHERE kommo_lead_id = ?").param(kommoLead).query(Long.class)
                .optional().orElse(null);
        if (meetings.insertIfFree(leadId, kommoLead, salesperson, start, end, status, "kommo", taskId).isEmpty()) {
            log.warn("A meeting made in Kommo (lead {}, user {}, {}) overlaps another meeting of that user: not counted",
                    kommoLead, salesperson, start);
        }
    }

    private Optional<Long> responsibleUser(long kommoLead) {
        return jdbc.sql("""
                        SELECT COALESCE(l.responsible_user_id, k.responsible_user_id)
                        FROM (SELECT ?::bigint AS id) x LEFT JOIN lead l ON l.kommo_lead_id = x.id LEFT JOIN kommo_lead k ON k.id = x.id""")
                .param(kommoLead).query((rs, n) -> (Long) rs.getObject(1, Long.class)).list().stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** Kommo's date_time values come as Unix seconds or as RFC 3339 text. */
    private static Optional<Instant> instant(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(value.matches("\\d+") ? Instant.ofEpochSecond(Long.parseLong(value))
                    : OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
