package com.solarprime.integration.meeting;

import com.solarprime.integration.calendar.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A Kommo user who takes meetings, and when.
 *
 * @param userId the Kommo user
 * @param name how the API names the salesperson: the e-mail, or the user id when no e-mail is known
 * @param days working days of the week
 * @param open first minute a meeting may start
 * @param close a meeting must end by then
 */
public record Salesperson(long userId, String name, Set<DayOfWeek> days, LocalTime open, LocalTime close) {

    public Salesperson {
        days = Set.copyOf(days);
    }

    /** A working day of this salesperson that is no closed holiday. */
    public boolean worksOn(LocalDate date, BusinessCalendar calendar) {
        return days.contains(date.getDayOfWeek()) && !calendar.isClosedHoliday(date);
    }

    /** The whole meeting falls within one working day's hours. */
    public boolean available(Instant start, Instant end, BusinessCalendar calendar) {
        ZonedDateTime from = start.atZone(calendar.zone());
        ZonedDateTime to = end.atZone(calendar.zone());
        return from.toLocalDate().equals(to.toLocalDate()) && worksOn(from.toLocalDate(), calendar)
                && !from.toLocalTime().isBefore(open) && !to.toLocalTime().isAfter(close);
    }
}
