package com.solarprime.integration.meeting;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.qualification.LocalStage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether meetings took place. A meeting whose Kommo task was completed was {@code held}; one whose lead was moved on
 * past the meeting stages (after it was booked) without completing it, or still open {@code no-show-grace} after its
 * end, was a {@code no_show}; a scheduled one whose lead reached Reunião Confirmada is {@code confirmed}. The tasks' state is read
 * from Kommo before deciding, so a completion whose webhook was lost still counts.
 */
@Component("meetingAttendance")
public class MeetingAttendance {

    private static final Logger log = LoggerFactory.getLogger(MeetingAttendance.class);
    /** One page of Kommo tasks. */
    private static final int BATCH = 250;
    private static final List<String> ACTIVE = List.of(Meetings.SCHEDULED, Meetings.CONFIRMED);

    /**
     * An active meeting that has started.
     *
     * @param leadMovedOn whether its lead was moved past the meeting stages since it was booked
     */
    public record Started(long id, Long kommoTaskId, Instant end, boolean leadMovedOn) {
    }

    /**
     * One check: the meetings to decide and the Kommo tasks found completed.
     */
    public record Check(List<Started> meetings, Set<Long> completedTasks) {

        public Check {
            meetings = List.copyOf(meetings);
            completedTasks = Set.copyOf(completedTasks);
        }

        public List<Long> taskIds() {
            return meetings.stream().map(Started::kommoTaskId).filter(Objects::nonNull).toList();
        }
    }

    private final JdbcClient jdbc;
    private final Meetings meetings;
    private final AccountMap map;
    private final Duration grace;
    private final Clock clock;

    public MeetingAttendance(JdbcClient jdbc, Meetings meetings, AccountMap map, MeetingProperties properties,
                             Clock clock) {
        this.jdbc = jdbc;
        this.meetings = meetings;
        this.map = map;
        this.grace = properties.noShowGrace();
        this.clock = clock;
    }

    /** Active meetings that have started, oldest first, with whether their leads moved on. */
    public Check started() {
        List<Long> past = pastTheMeeting();
        List<Started> started = jdbc.sql("""
                        SELECT m.id, m.kommo_task_id, m.end_at, EXISTS (
                            SELECT 1 FROM stage_history h
                            WHERE h.kommo_lead_id = COALESCE(m.kommo_lead_id, l.kommo_lead_id) AND h.changed_at > m.created_at
                              AND h.to_status_id = ANY(:past) AND (h.pipeline_id IS NULL OR h.pipeline_id = :pipeline))
                        FROM meeting m LEFT JOIN lead l ON l.id = m.lead_id
                        WHERE m.status IN ('scheduled', 'confirmed') AND m.start_at <= :now
                        ORDER BY m.start_at, m.id LIMIT :limit""")
                .param("past", past.toArray(Long[]::new))
                .param("pipeline", map.id(AccountMap.PIPELINE, AccountMap.MAIN_PIPELINE).orElse(-1L))
                .param("now", java.sql.Timestamp.from(clock.instant())).param("limit", BATCH)
                .query((rs, n) -> new Started(rs.getLong(1), (Long) rs.getObject(2, Long.class),
                        rs.getTimestamp(3).toInstant(), rs.getBoolean(4)))
                .list();
        return new Check(started, Set.of());
    }

    /** Kommo statuses of the stages after Reunião Confirmada: negotiation, proposal, won, lost. */
    private List<Long> pastTheMeeting() {
        return java.util.Arrays.stream(LocalStage.values()).filter(stage -> stage.isAfter(LocalStage.MEETING_CONFIRMED))
                .flatMap(stage -> map.id(AccountMap.STATUS, stage.name()).stream()).toList();
    }

    /** Their tasks in Kommo. */
    public KommoRequest tasksRequest(Check check) {
        Map<String, String> query = new LinkedHashMap<>();
        List<Long> ids = check.taskIds();
        for (int i = 0; i < ids.size(); i++) {
            query.put("filter[id][" + i + "]", String.valueOf(ids.get(i)));
        }
        query.put("limit", String.valueOf(BATCH));
        return KommoRequest.getAll("/api/v4/tasks", query);
    }

    /** The check with the tasks Kommo has completed among its answer (null: Kommo has none of them). */
    public Check withKommoTasks(Check check, JsonNode tasks) {
        Set<Long> completed = new HashSet<>();
        if (tasks != null) {
            tasks.path("_embedded").path("tasks").forEach(task -> {
                if (task.path("is_completed").asBoolean(false)) {
                    completed.add(task.path("id").asLong());
                }
            });
        }
        return new Check(check.meetings(), completed);
    }

    /** Runs in the route's transaction. */
    public void record(Check check) {
        Instant now = clock.instant();
        int held = 0;
        int missed = 0;
        for (Started meeting : check.meetings()) {
            boolean completed = meeting.kommoTaskId() != null && check.completedTasks().contains(meeting.kommoTaskId());
            Optional<String> outcome = outcome(meeting, completed, now, grace);
            if (outcome.isPresent() && meetings.setStatus(meeting.id(), outcome.get(), ACTIVE)) {
                if (Meetings.HELD.equals(outcome.get())) {
                    held++;
                } else {
                    missed++;
                }
            }
        }
        int confirmed = confirm();
        if (held + missed + confirmed > 0) {
            log.info("Meetings: {} held, {} missed, {} confirmed", held, missed, confirmed);
        }
    }

    /** What became of a started meeting; empty while it may still be held. */
    static Optional<String> outcome(Started meeting, boolean taskCompleted, Instant now, Duration grace) {
        if (taskCompleted) {
            return Optional.of(Meetings.HELD);
        }
        if (meeting.leadMovedOn()) {
            return Optional.of(Meetings.NO_SHOW);
        }
        if (!now.isBefore(meeting.end().plus(grace))) {
            return Optional.of(Meetings.NO_SHOW);
        }
        return Optional.empty();
    }

    /** Scheduled meetings of leads now at Reunião Confirmada, here or in Kommo. */
    private int confirm() {
        Optional<Long> status = map.id(AccountMap.STATUS, LocalStage.MEETING_CONFIRMED.name());
        return jdbc.sql("""
                        UPDATE meeting m SET status = 'confirmed', updated_at = now()
                        WHERE m.status = 'scheduled' AND (
                            EXISTS (SELECT 1 FROM lead l WHERE l.id = m.lead_id
                                    AND (l.local_stage = 'MEETING_CONFIRMED' OR l.kommo_status_id = :status))
                            OR EXISTS (SELECT 1 FROM kommo_lead k WHERE k.id = m.kommo_lead_id AND k.status_id = :status))""")
                .param("status", status.orElse(-1L)).update();
    }
}
