package com.solarprime.integration.automation;

import com.solarprime.integration.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The meeting slots of a day and whether each can still be offered. The seed offered every slot as free;
 * here a slot is taken by any meeting starting within it (an open meeting task in Kommo, a meeting in our
 * database), and slots on closed days or already started are never offered.
 */
@Component
public class MeetingSlots {

    private final List<LocalTime> times;
    private final Duration length;
    private final BusinessCalendar calendar;

    public MeetingSlots(AutomationProperties automation, BusinessCalendar calendar) {
        this.times = automation.meetingSlots().times();
        this.length = automation.meetingSlots().length();
        this.calendar = calendar;
    }

    /**
     * @param date a day in the business's zone
     * @param now slots starting at or before this are unavailable
     * @param busy start times of meetings already booked, any day
     * @return every configured slot of the day in time order
     */
    public List<Slot> on(LocalDate date, Instant now, Collection<Instant> busy) {
        boolean businessDay = calendar.isBusinessDay(date);
        List<Slot> slots = new ArrayList<>(times.size());
        for (LocalTime time : times) {
            Instant start = calendar.atLocalTime(date, time);
            Instant end = start.plus(length);
            boolean taken = busy.stream().anyMatch(meeting -> !meeting.isBefore(start) && meeting.isBefore(end));
            slots.add(new Slot(time, start, businessDay && start.isAfter(now) && !taken));
        }
        return List.copyOf(slots);
    }

    /**
     * @param time local start time
     * @param start the same, as an instant
     * @param available whether it can be offered to a lead
     */
    public record Slot(LocalTime time, Instant start, boolean available) {
    }
}
