package com.solarprime.integration.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.calendar.BrazilianHolidays.Holiday;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertThat(hours.localHolidays()).as("Pernambuco's state holiday and Recife's municipal ones")
                .extracting(LocalHoliday::date)
                .containsExactly(MonthDay.of(3, 6), MonthDay.of(6, 24), MonthDay.of(7, 16), MonthDay.of(12, 8));
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
            "2026-12-25T14:00:00Z, false, Christmas 2026 (a Friday)",
            "2026-03-06T14:00:00Z, false, Data Magna de Pernambuco 2026 (a Friday)",
            "2027-06-24T14:00:00Z, false, São João 2027 (a Thursday)",
            "2027-06-23T14:00:00Z, true,  the eve of São João 2027",
            "2027-07-16T14:00:00Z, false, Nossa Senhora do Carmo 2027 (a Friday)",
            "2026-12-08T14:00:00Z, false, Nossa Senhora da Conceição 2026 (a Tuesday)"
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
            "2026-12-31T21:00:00Z, 2027-01-04T11:00:00Z, New Year eve 18:00 → Monday 4 January 08:00",
            "2027-06-23T21:00:00Z, 2027-06-25T11:00:00Z, eve of São João 18:00 → Friday 08:00"
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
        assertThat(noHolidays.isBusinessDay(LocalDate.of(2027, 6, 24))).as("local ones too").isTrue();
        assertThat(noHolidays.isBusinessDay(LocalDate.of(2027, 3, 27))).as("still a Saturday").isFalse();
    }

    @Test
    void aConfiguredMovableHolidayFollowsEasterEveryYear() {
        BusinessCalendar ashWednesdayClosed = new BusinessCalendar(Calendars.hoursWith(Map.of(
                "local-holidays[0].name", "Quarta-feira de Cinzas",
                "local-holidays[0].days-from-easter", "-46")));

        assertThat(ashWednesdayClosed.isBusinessDay(LocalDate.of(2027, 2, 10))).as("Easter 2027: 28 March").isFalse();
        assertThat(ashWednesdayClosed.isBusinessDay(LocalDate.of(2028, 3, 1))).as("Easter 2028: 16 April").isFalse();
        assertThat(ashWednesdayClosed.isBusinessDay(LocalDate.of(2027, 3, 3))).isTrue();
        assertThat(ashWednesdayClosed.nextOpening(Instant.parse("2027-02-05T22:00:00Z")))
                .as("Friday before Carnival → Thursday after it").isEqualTo(Instant.parse("2027-02-11T11:00:00Z"));
        assertThat(ashWednesdayClosed.isBusinessDay(LocalDate.of(2027, 6, 24)))
                .as("the list replaces Recife's as a whole").isTrue();
    }

    @Test
    void aCityWithNoLocalHolidaysClosesOnNationalOnesOnly() {
        // What "local-holidays: []" in an operator's application.yaml comes to once read.
        BusinessCalendar noLocalHolidays = new BusinessCalendar(Calendars.hoursWith(Map.of("local-holidays", "")));

        assertThat(noLocalHolidays.isBusinessDay(LocalDate.of(2027, 6, 24))).isTrue();
        assertThat(noLocalHolidays.isBusinessDay(LocalDate.of(2026, 12, 8))).isTrue();
        assertThat(noLocalHolidays.isBusinessDay(LocalDate.of(2027, 3, 26))).as("Good Friday").isFalse();
    }

    @Test
    void aFixedLocalHolidayOnTheTwentyNinthOfFebruaryClosesInLeapYearsOnly() {
        BusinessCalendar leapDay = new BusinessCalendar(Calendars.hoursWith(Map.of(
                "local-holidays[0].name", "Dia bissexto", "local-holidays[0].date", "02-29")));

        assertThat(leapDay.isBusinessDay(LocalDate.of(2028, 2, 29))).isFalse();
        assertThat(leapDay.isBusinessDay(LocalDate.of(2029, 2, 28))).as("not moved to a Wednesday").isTrue();
        assertThat(leapDay.isBusinessDay(LocalDate.of(2029, 3, 1))).as("nor to a Thursday").isTrue();
    }

    @ParameterizedTest(name = "date {0}")
    @ValueSource(strings = {"02-30", "13-01", "24/06"})
    void aBadLocalHolidayDateIsRefusedNamingItsKey(String date) {
        assertThatThrownBy(() -> Calendars.hoursWith(Map.of(
                "local-holidays[0].name", "Feriado", "local-holidays[0].date", date)))
                .hasMessageContaining("solarprime.business-hours.local-holidays[0].date");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("senselessLocalHolidays")
    void aLocalHolidayThatMakesNoSenseIsRefusedNamingItsKey(Map<String, Object> second, String reason) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "local-holidays[0].name", "São João", "local-holidays[0].date", "06-24"));
        second.forEach((key, value) -> settings.put("local-holidays[1]." + key, value));

        assertThatThrownBy(() -> Calendars.hoursWith(settings))
                .hasMessageContaining("solarprime.business-hours.local-holidays[1]")
                .hasStackTraceContaining(reason);
    }

    static Stream<Arguments> senselessLocalHolidays() {
        return Stream.of(
                Arguments.of(Map.of("name", "Feriado", "date", "06-25", "days-from-easter", "60"),
                        "has both a date and days-from-easter"),
                Arguments.of(Map.of("name", "Feriado"), "needs a date (MM-DD) or days-from-easter"),
                Arguments.of(Map.of("date", "06-25"), "needs a name"),
                Arguments.of(Map.of("name", "Feriado", "days-from-easter", "251"), "outside -80..250"),
                Arguments.of(Map.of("name", "Feriado", "days-from-easter", "-81"), "outside -80..250"));
    }

    @Test
    void settingsThatMakeNoSenseAreRefused() {
        ZoneId recife = ZoneId.of("America/Recife");
        Set<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThatThrownBy(() -> new BusinessHoursProperties(recife, LocalTime.of(18, 0), LocalTime.of(8, 0),
                weekdays, true, Set.of(), List.of())).hasMessageContaining("must be before close");
        assertThatThrownBy(() -> new BusinessHoursProperties(recife, LocalTime.of(8, 0), LocalTime.of(18, 0),
                Set.of(), true, Set.of(), List.of())).hasMessageContaining("at least one day");
        assertThatThrownBy(() -> new BusinessHoursProperties(recife, LocalTime.of(8, 0), LocalTime.of(18, 0),
                weekdays, true, Set.of(Holiday.GOOD_FRIDAY), List.of())).hasMessageContaining("GOOD_FRIDAY");
    }

    private static BusinessHoursProperties hours(boolean holidays, Set<Holiday> closedOptional) {
        return new BusinessHoursProperties(ZoneId.of("America/Recife"), LocalTime.of(8, 0), LocalTime.of(18, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), holidays, closedOptional,
                Calendars.defaultHours().localHolidays());
    }
}
