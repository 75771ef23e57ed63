package com.solarprime.integration.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.calendar.BrazilianHolidays.Holiday;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Instants are written in UTC; Recife is UTC-3 all year. */
class BusinessCalendarTest {

    private final BusinessCalendar calendar = Calendars.recife();

    @Test
    void theDefaultsAreRecifeOfficeHoursOnWeekdays() {
        BusinessHoursProperties hours = Calendars.defaultHours();

        assertThat(hours.zone()).isEqualTo(ZoneId.of("America/Recife"));
        assertThat(hours.open()).isEqualTo(LocalTime.of(8, 0));
        assertThat(hours.close()).isEqualTo(LocalTime.of(18, 0));
        assertThat(hours.days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(hours.holidays()).isTrue();
        assertThat(hours.closedOptionalHolidays())
                .containsExactlyInAnyOrder(Holiday.CARNIVAL_MONDAY, Holiday.CARNIVAL_TUESDAY, Holiday.CORPUS_CHRISTI);
    }

    @ParameterizedTest(name = "{0} open: {1}")
    @CsvSource({
            "2027-03-03T11:00:00Z, true,  Wednesday 08:00 opens",
            "2027-03-03T15:30:00Z, true,  Wednesday 12:30",
            "2027-03-03T20:59:59Z, true,  Wednesday 17:59:59",
            "2027-03-03T21:00:00Z, false, Wednesday 18:00 closes",
            "2027-03-03T10:59:59Z, false, Wednesday 07:59:59",
            "2027-03-04T02:00:00Z, false, Wednesday 23:00 local (already Thursday in UTC)",
            "2027-03-06T14:00:00Z, false, Saturday 11:00",
            "2027-03-07T14:00:00Z, false, Sunday 11:00",
            "2027-02-08T14:00:00Z, false, Carnival Monday 2027",
            "2027-02-09T14:00:00Z, false, Carnival Tuesday 2027",
            "2027-02-10T14:00:00Z, true,  Ash Wednesday 2027",
            "2027-03-26T14:00:00Z, false, Good Friday 2027",
            "2027-05-27T14:00:00Z, false, Corpus Christi 2027",
            "2027-04-21T14:00:00Z, false, Tiradentes 2027 (a Wednesday)",
            "2026-11-20T14:00:00Z, false, Black Consciousness Day 2026 (a Friday)",
            "2026-12-25T14:00:00Z, false, Christmas 2026 (a Friday)"
    })
    void isOpen(Instant instant, boolean open, String what) {
        assertThat(calendar.isOpen(instant)).as(what).isEqualTo(open);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource({
            "2027-03-03T15:30:00Z, 2027-03-03T15:30:00Z, open: unchanged",
            "2027-03-03T09:00:00Z, 2027-03-03T11:00:00Z, Wednesday 06:00 → 08:00 the same day",
            "2027-03-03T21:00:00Z, 2027-03-04T11:00:00Z, Wednesday 18:00 → Thursday 08:00",
            "2027-03-05T21:30:00Z, 2027-03-08T11:00:00Z, Friday 18:30 → Monday 08:00",
            "2027-03-06T14:00:00Z, 2027-03-08T11:00:00Z, Saturday → Monday 08:00",
            "2027-02-05T22:00:00Z, 2027-02-10T11:00:00Z, Friday before Carnival → Ash Wednesday 08:00",
            "2027-03-25T21:00:00Z, 2027-03-29T11:00:00Z, Thursday before Good Friday → Monday 08:00",
            "2027-05-26T21:00:00Z, 2027-05-28T11:00:00Z, day before Corpus Christi → Friday 08:00",
            "2027-04-20T22:00:00Z, 2027-04-22T11:00:00Z, eve of Tiradentes → Thursday 08:00",
            "2026-12-31T21:00:00Z, 2027-01-04T11:00:00Z, New Year eve 18:00 → Monday 4 January 08:00"
    })
    void nextOpening(Instant from, Instant expected, String what) {
        assertThat(calendar.nextOpening(from)).as(what).isEqualTo(expected);
        assertThat(calendar.intoBusinessHours(from)).isEqualTo(expected);
        assertThat(calendar.isOpen(expected)).isTrue();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource({
            "2027-03-03T15:30:00Z, 2027-03-03T15:30:00Z, open: unchanged",
            "2027-03-03T22:00:00Z, 2027-03-03T20:59:00Z, Wednesday 19:00 → 17:59 the same day",
            "2027-03-03T10:00:00Z, 2027-03-02T20:59:00Z, Wednesday 07:00 → Tuesday 17:59",
            "2027-03-06T13:00:00Z, 2027-03-05T20:59:00Z, Saturday 10:00 → Friday 17:59",
            "2027-02-10T10:00:00Z, 2027-02-05T20:59:00Z, Ash Wednesday 07:00 → Friday before Carnival 17:59"
    })
    void latestOpenAtOrBefore(Instant deadline, Instant expected, String what) {
        assertThat(calendar.latestOpenAtOrBefore(deadline)).as(what).isEqualTo(expected);
        assertThat(calendar.isOpen(expected)).isTrue();
    }

    @Test
    void recifeHasNoDaylightSavingTime() {
        assertThat(calendar.atLocalTime(LocalDate.of(2027, 1, 15), LocalTime.of(8, 0)))
                .isEqualTo(Instant.parse("2027-01-15T11:00:00Z"));
        assertThat(calendar.atLocalTime(LocalDate.of(2027, 7, 15), LocalTime.of(8, 0)))
                .isEqualTo(Instant.parse("2027-07-15T11:00:00Z"));
        assertThat(calendar.atLocalTime(LocalDate.of(2027, 10, 20), LocalTime.of(17, 59)))
                .isEqualTo(Instant.parse("2027-10-20T20:59:00Z"));
    }

    @Test
    void localDateIsReadInTheBusinessZone() {
        assertThat(calendar.localDate(Instant.parse("2027-03-04T02:00:00Z"))).isEqualTo(LocalDate.of(2027, 3, 3));
    }

    @Test
    void optionalHolidaysCanBeWorkingDays() {
        BusinessCalendar worksOnCarnival = new BusinessCalendar(hours(true, Set.of(Holiday.CORPUS_CHRISTI)));

        assertThat(worksOnCarnival.isBusinessDay(LocalDate.of(2027, 2, 8))).isTrue();
        assertThat(worksOnCarnival.isBusinessDay(LocalDate.of(2027, 5, 27))).isFalse();
        assertThat(worksOnCarnival.isBusinessDay(LocalDate.of(2027, 3, 26))).as("Good Friday").isFalse();
    }

    @Test
    void holidaysCanBeSwitchedOff() {
        BusinessCalendar noHolidays = new BusinessCalendar(hours(false, Set.of()));

        assertThat(noHolidays.isBusinessDay(LocalDate.of(2027, 3, 26))).isTrue();
        assertThat(noHolidays.isBusinessDay(LocalDate.of(2027, 3, 27))).as("still a Saturday").isFalse();
    }

    @Test
    void settingsThatMakeNoSenseAreRefused() {
        ZoneId recife = ZoneId.of("America/Recife");
        Set<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThatThrownBy(() -> new BusinessHoursProperties(recife, LocalTime.of(18, 0), LocalTime.of(8, 0),
                weekdays, true, Set.of())).hasMessageContaining("must be before close");
        assertThatThrownBy(() -> new BusinessHoursProperties(recife, LocalTime.of(8, 0), LocalTime.of(18, 0),
                Set.of(), true, Set.of())).hasMessageContaining("at least one day");
        assertThatThrownBy(() -> new BusinessHoursProperties(recife, LocalTime.of(8, 0), LocalTime.of(18, 0),
                weekdays, true, Set.of(Holiday.GOOD_FRIDAY))).hasMessageContaining("GOOD_FRIDAY");
    }

    private static BusinessHoursProperties hours(boolean holidays, Set<Holiday> closedOptional) {
        return new BusinessHoursProperties(ZoneId.of("America/Recife"), LocalTime.of(8, 0), LocalTime.of(18, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), holidays, closedOptional);
    }
}
