package com.solarprime.integration.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.solarprime.integration.calendar.Calendars;
import com.solarprime.integration.meeting.MeetingSlots.Slot;
import com.solarprime.integration.meeting.Meetings.Busy;
import com.solarprime.integration.qualification.ApplicationDefaults;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Instants are in UTC; Recife is UTC-3. */
class MeetingSlotsTest {

    private static final LocalDate WEDNESDAY = LocalDate.of(2027, 3, 3);
    private static final Instant TUESDAY = Instant.parse("2027-03-02T13:00:00Z");
    private static final Salesperson ANA = new Salesperson(1, "ana@solarprime.example", weekdays(), LocalTime.of(8, 0),
            LocalTime.of(18, 0));
    private static final Salesperson BRUNO = new Salesperson(2, "bruno@solarprime.example", weekdays(),
            LocalTime.of(13, 0), LocalTime.of(18, 0));

    private final MeetingSlots slots = new MeetingSlots(defaults(), Calendars.recife());

    static MeetingProperties defaults() {
        return ApplicationDefaults.bind("solarprime.meetings", MeetingProperties.class);
    }

    @Test
    void aFreeDayOffersTheSeedsSlots() {
        assertThat(slots.on(WEDNESDAY, TUESDAY, List.of(ANA), List.of()))
                .extracting(Slot::time, s -> s.start().toString(), s -> s.end().toString(), Slot::available)
                .containsExactly(
                        tuple(LocalTime.of(9, 0), "2027-03-03T12:00:00Z", "2027-03-03T13:00:00Z", true),
                        tuple(LocalTime.of(10, 0), "2027-03-03T13:00:00Z", "2027-03-03T14:00:00Z", true),
                        tuple(LocalTime.of(11, 0), "2027-03-03T14:00:00Z", "2027-03-03T15:00:00Z", true),
                        tuple(LocalTime.of(14, 0), "2027-03-03T17:00:00Z", "2027-03-03T18:00:00Z", true),
                        tuple(LocalTime.of(15, 0), "2027-03-03T18:00:00Z", "2027-03-03T19:00:00Z", true),
                        tuple(LocalTime.of(16, 0), "2027-03-03T19:00:00Z", "2027-03-03T20:00:00Z", true),
                        tuple(LocalTime.of(17, 0), "2027-03-03T20:00:00Z", "2027-03-03T21:00:00Z", true));
    }

    @Test
    void aMeetingTakesEverySlotItOverlapsForItsSalespersonOnly() {
        List<Busy> busy = List.of(
                new Busy(1, Instant.parse("2027-03-03T13:30:00Z"), Instant.parse("2027-03-03T14:30:00Z")),
                new Busy(1, Instant.parse("2027-03-03T18:00:00Z"), Instant.parse("2027-03-03T19:00:00Z")),
                new Busy(2, Instant.parse("2027-03-03T18:00:00Z"), Instant.parse("2027-03-03T19:00:00Z")),
                new Busy(1, Instant.parse("2027-03-04T13:00:00Z"), Instant.parse("2027-03-04T14:00:00Z")));

        assertThat(slots.on(WEDNESDAY, TUESDAY, List.of(ANA, BRUNO), busy))
                .extracting(Slot::time, s -> s.free().stream().map(Salesperson::userId).toList())
                .containsExactly(
                        tuple(LocalTime.of(9, 0), List.of(1L)),
                        tuple(LocalTime.of(10, 0), List.of()),
                        tuple(LocalTime.of(11, 0), List.of()),
                        tuple(LocalTime.of(14, 0), List.of(1L, 2L)),
                        tuple(LocalTime.of(15, 0), List.of()),
                        tuple(LocalTime.of(16, 0), List.of(1L, 2L)),
                        tuple(LocalTime.of(17, 0), List.of(1L, 2L)));
    }

    @Test
    void onlyTheTimesWithinASalespersonsHoursAreOffered() {
        assertThat(slots.on(WEDNESDAY, TUESDAY, List.of(BRUNO), List.of())).extracting(Slot::time)
                .containsExactly(LocalTime.of(14, 0), LocalTime.of(15, 0), LocalTime.of(16, 0), LocalTime.of(17, 0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2027-03-06", "2027-03-07", "2027-02-08", "2027-03-26"})
    void weekendsAndHolidaysOfferNothing(LocalDate closedDay) {
        assertThat(slots.on(closedDay, TUESDAY.minus(Duration.ofDays(30)), List.of(ANA), List.of()))
                .hasSize(7).noneMatch(Slot::available);
    }

    @Test
    void aSalespersonWhoWorksOnSaturdaysStillRestsOnHolidays() {
        Salesperson saturdays = new Salesperson(3, "carla@solarprime.example", EnumSet.of(DayOfWeek.SATURDAY),
                LocalTime.of(8, 0), LocalTime.of(12, 0));

        assertThat(slots.on(LocalDate.of(2027, 3, 13), TUESDAY, List.of(saturdays), List.of()))
                .extracting(Slot::time, Slot::available)
                .containsExactly(tuple(LocalTime.of(9, 0), true), tuple(LocalTime.of(10, 0), true),
                        tuple(LocalTime.of(11, 0), true));
        // Tiradentes, a national holiday, on a Saturday.
        assertThat(slots.on(LocalDate.of(2029, 4, 21), TUESDAY, List.of(saturdays), List.of()))
                .noneMatch(Slot::available);
    }

    @Test
    void slotsAlreadyStartedAreGone() {
        Instant tenThirty = Instant.parse("2027-03-03T13:30:00Z");
        Instant elevenSharp = Instant.parse("2027-03-03T14:00:00Z");

        assertThat(slots.on(WEDNESDAY, tenThirty, List.of(ANA), List.of())).filteredOn(Slot::available).extracting(Slot::time)
                .containsExactly(LocalTime.of(11, 0), LocalTime.of(14, 0), LocalTime.of(15, 0), LocalTime.of(16, 0),
                        LocalTime.of(17, 0));
        assertThat(slots.on(WEDNESDAY, elevenSharp, List.of(ANA), List.of())).filteredOn(Slot::available).first()
                .extracting(Slot::time).isEqualTo(LocalTime.of(14, 0));
    }

    @Test
    void theMeetingLengthDecidesWhichMeetingsTakeASlot() {
        MeetingProperties d = defaults();
        MeetingProperties halfHours = new MeetingProperties(Duration.ofMinutes(30),
                List.of(LocalTime.of(10, 30), LocalTime.of(10, 0)), List.of(), d.noShowGrace(), d.attendanceCheckInterval());
        MeetingSlots halfHourSlots = new MeetingSlots(halfHours, Calendars.recife());

        assertThat(halfHourSlots.on(WEDNESDAY, TUESDAY, List.of(ANA), List.of(new Busy(1,
                        Instant.parse("2027-03-03T13:15:00Z"), Instant.parse("2027-03-03T13:45:00Z")))))
                .extracting(Slot::time, Slot::available)
                .containsExactly(tuple(LocalTime.of(10, 0), false), tuple(LocalTime.of(10, 30), false));
        assertThat(halfHourSlots.on(WEDNESDAY, TUESDAY, List.of(ANA), List.of(new Busy(1,
                        Instant.parse("2027-03-03T13:30:00Z"), Instant.parse("2027-03-03T14:00:00Z")))))
                .extracting(Slot::time, Slot::available)
                .containsExactly(tuple(LocalTime.of(10, 0), true), tuple(LocalTime.of(10, 30), false));
    }

    private static EnumSet<DayOfWeek> weekdays() {
        return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }
}
