package com.solarprime.integration.meeting;

import com.solarprime.integration.calendar.BusinessCalendar;
import com.solarprime.integration.meeting.Meetings.Busy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The meeting slots of a day and who can take each. A slot time is offered when it fits in a salesperson's hours;
 * it is free for a salesperson who works that day (no weekend, no holiday), has no meeting overlapping it, and while
 * it has not started.
 */
@Component
public class MeetingSlots {

    private final List<LocalTime> times;
    private final Duration length;
    private final BusinessCalendar calendar;

    public MeetingSlots(MeetingProperties meetings, BusinessCalendar calendar) {
        this.times = meetings.slotTimes();
        this.length = meetings.length();
        this.calendar = calendar;
    }

    /**
     * @param date a day in the business's zone
     * @param now slots starting at or before this are taken
     * @param salespeople those whose slots are wanted
     * @param busy their active meetings
     * @return the slot times within any of their hours, in time order
     */
    public List<Slot> on(LocalDate date, Instant now, List<Salesperson> salespeople, Collection<Busy> busy) {
        List<Slot> slots = new ArrayList<>();
        for (LocalTime time : times) {
            Instant start = calendar.atLocalTime(date, time);
            Instant end = start.plus(length);
            List<Salesperson> within = salespeople.stream().filter(s -> fits(s, time)).toList();
            if (within.isEmpty()) {
                continue;
            }
            List<Salesperson> free = within.stream()
                    .filter(s -> start.isAfter(now) && s.available(start, end, calendar))
                    .filter(s -> busy.stream().noneMatch(b -> b.salespersonId() == s.userId()
                            && b.start().isBefore(end) && b.end().isAfter(start)))
                    .toList();
            slots.add(new Slot(time, start, end, free));
        }
        return List.copyOf(slots);
    }

    private boolean fits(Salesperson salesperson, LocalTime time) {
        LocalTime end = time.plus(length);
        return !time.isBefore(salesperson.open()) && end.isAfter(time) && !end.isAfter(salesperson.close());
    }

    /**
     * @param time local start time
     * @param start the same, as an instant
     * @param end when a meeting starting then ends
     * @param free the salespeople who can take a meeting then, in the order asked
     */
    public record Slot(LocalTime time, Instant start, Instant end, List<Salesperson> free) {

        public Slot {
            free = List.copyOf(free);
        }

        public boolean available() {
            return !free.isEmpty();
        }
    }
}
