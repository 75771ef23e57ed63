package com.solarprime.integration.calendar;

import com.solarprime.integration.calendar.BrazilianHolidays.Holiday;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Component;

/**
 * Business hours in the business's zone: the days and times an automated message may go out and a Kommo task
 * may fall due. Open from {@code open} (inclusive) to {@code close} (exclusive) on the configured days, except
 * on national holidays, on the optional ones the settings close, and on the state's and city's own holidays.
 */
@Component
public class BusinessCalendar {

    /** A deadline moved back before a closing time lands on the last minute a salesperson can still act on it. */
    private static final Duration LAST_MINUTE = Duration.ofMinutes(1);

    /** Far more than the longest closed stretch any sane settings produce (one working weekday, plus holidays). */
    private static final int SEARCH_DAYS = 400;

    private final BusinessHoursProperties hours;

    public BusinessCalendar(BusinessHoursProperties hours) {
        this.hours = hours;
    }

    public ZoneId zone() {
        return hours.zone();
    }

    /** The date of an instant in the business's zone. */
    public LocalDate localDate(Instant instant) {
        return instant.atZone(hours.zone()).toLocalDate();
    }

    /** A working day of the week that is not a closed holiday. */
    public boolean isBusinessDay(LocalDate date) {
        return hours.days().contains(date.getDayOfWeek()) && !isClosedHoliday(date);
    }

    /**
     * A holiday the business closes on, whatever the day of the week: for those whose working days are not the
     * business's own (a salesperson who works on Saturdays).
     */
    public boolean isClosedHoliday(LocalDate date) {
        if (!hours.holidays()) {
            return false;
        }
        for (Holiday holiday : BrazilianHolidays.on(date)) {
            if (!holiday.optional() || hours.closedOptionalHolidays().contains(holiday)) {
                return true;
            }
        }
        return hours.localHolidays().stream().anyMatch(local -> local.fallsOn(date));
    }

    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(hours.zone());
        LocalTime time = local.toLocalTime();
        return isBusinessDay(local.toLocalDate()) && !time.isBefore(hours.open()) && time.isBefore(hours.close());
    }

    /** The instant itself when open, else the next opening time. */
    public Instant nextOpening(Instant instant) {
        if (isOpen(instant)) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(hours.zone());
        LocalDate date = local.toLocalDate();
        if (isBusinessDay(date) && local.toLocalTime().isBefore(hours.open())) {
            return atLocalTime(date, hours.open());
        }
        for (int day = 1; day <= SEARCH_DAYS; day++) {
            LocalDate candidate = date.plusDays(day);
            if (isBusinessDay(candidate)) {
                return atLocalTime(candidate, hours.open());
            }
        }
        throw new IllegalStateException("no business day within " + SEARCH_DAYS + " days of " + instant);
    }

    /**
     * A due time moved forward into business hours: unchanged when it is inside them, else the next opening.
     * The same as {@link #nextOpening}, named for callers that schedule rather than wait.
     */
    public Instant intoBusinessHours(Instant dueAt) {
        return nextOpening(dueAt);
    }

    /**
     * A deadline moved back into business hours: unchanged when it is inside them, else one minute before the
     * previous closing time. For work that must be done before something that happens outside business hours.
     */
    public Instant latestOpenAtOrBefore(Instant deadline) {
        if (isOpen(deadline)) {
            return deadline;
        }
        ZonedDateTime local = deadline.atZone(hours.zone());
        LocalDate date = local.toLocalDate();
        if (isBusinessDay(date) && !local.toLocalTime().isBefore(hours.close())) {
            return atLocalTime(date, hours.close()).minus(LAST_MINUTE);
        }
        for (int day = 1; day <= SEARCH_DAYS; day++) {
            LocalDate candidate = date.minusDays(day);
            if (isBusinessDay(candidate)) {
                return atLocalTime(candidate, hours.close()).minus(LAST_MINUTE);
            }
        }
        throw new IllegalStateException("no business day within " + SEARCH_DAYS + " days before " + deadline);
    }

    /** A local date and time in the business's zone (a time skipped by a DST change moves forward by the gap). */
    public Instant atLocalTime(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, hours.zone()).toInstant();
    }
}
