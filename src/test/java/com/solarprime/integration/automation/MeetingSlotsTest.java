package com.solarprime.integration.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.solarprime.integration.automation.MeetingSlots.Slot;
import com.solarprime.integration.calendar.Calendars;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Instants are in UTC; Recife is UTC-3. */
class MeetingSlotsTest {

    private static final LocalDate WEDNESDAY = LocalDate.of(2027, 3, 3);
    private static final Instant TUESDAY = Instant.parse("2027-03-02T13:00:00Z");

    private final MeetingSlots slots = new MeetingSlots(AutomationPropertiesTest.defaults(), Calendars.recife());

    @Test
    void aFreeDayOffersTheSeedsSlots() {
        assertThat(slots.on(WEDNESDAY, TUESDAY, List.of())).containsExactly(
                slot(9, "2027-03-03T12:00:00Z", true),
                slot(10, "2027-03-03T13:00:00Z", true),
                slot(11, "2027-03-03T14:00:00Z", true),
                slot(14, "2027-03-03T17:00:00Z", true),
                slot(15, "2027-03-03T18:00:00Z", true),
                slot(16, "2027-03-03T19:00:00Z", true),
                slot(17, "2027-03-03T20:00:00Z", true));
    }

    @Test
    void twoBookedMeetingsTakeTheirSlots() {
        List<Instant> busy = List.of(
                Instant.parse("2027-03-03T13:00:00Z"),
                Instant.parse("2027-03-03T18:30:00Z"),
                Instant.parse("2027-03-03T15:00:00Z"),
                Instant.parse("2027-03-04T13:00:00Z"));

        assertThat(slots.on(WEDNESDAY, TUESDAY, busy)).extracting(Slot::time, Slot::available).containsExactly(
                tuple(LocalTime.of(9, 0), true),
                tuple(LocalTime.of(10, 0), false),
                tuple(LocalTime.of(11, 0), true),
                tuple(LocalTime.of(14, 0), true),
                tuple(LocalTime.of(15, 0), false),
                tuple(LocalTime.of(16, 0), true),
                tuple(LocalTime.of(17, 0), true));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2027-03-06", "2027-03-07", "2027-02-08", "2027-03-26"})
    void weekendsAndHolidaysOfferNothing(LocalDate closedDay) {
        assertThat(slots.on(closedDay, TUESDAY.minus(Duration.ofDays(30)), List.of()))
                .hasSize(7).noneMatch(Slot::available);
    }

    @Test
    void slotsAlreadyStartedAreGone() {
        Instant tenThirty = Instant.parse("2027-03-03T13:30:00Z");
        Instant elevenSharp = Instant.parse("2027-03-03T14:00:00Z");

        assertThat(slots.on(WEDNESDAY, tenThirty, List.of())).filteredOn(Slot::available).extracting(Slot::time)
                .containsExactly(LocalTime.of(11, 0), LocalTime.of(14, 0), LocalTime.of(15, 0), LocalTime.of(16, 0),
                        LocalTime.of(17, 0));
        assertThat(slots.on(WEDNESDAY, elevenSharp, List.of())).filteredOn(Slot::available).first()
                .extracting(Slot::time).isEqualTo(LocalTime.of(14, 0));
        assertThat(slots.on(LocalDate.of(2027, 3, 2), elevenSharp, List.of())).noneMatch(Slot::available);
    }

    @Test
    void theSlotLengthDecidesWhichMeetingTakesASlot() {
        AutomationProperties d = AutomationPropertiesTest.defaults();
        AutomationProperties halfHours = new AutomationProperties(d.hotScore(), d.warmScore(), d.pollInterval(),
                d.salespersonPhones(), d.salesGroup(), new AutomationProperties.Slots(
                        List.of(LocalTime.of(10, 30), LocalTime.of(10, 0)), Duration.ofMinutes(30)), d.metaAlertTemplate());
        MeetingSlots halfHourSlots = new MeetingSlots(halfHours, Calendars.recife());

        assertThat(halfHourSlots.on(WEDNESDAY, TUESDAY, List.of(Instant.parse("2027-03-03T13:45:00Z"))))
                .containsExactly(slot(10, 0, "2027-03-03T13:00:00Z", true), slot(10, 30, "2027-03-03T13:30:00Z", false));
    }

    private static Slot slot(int hour, String start, boolean available) {
        return slot(hour, 0, start, available);
    }

    private static Slot slot(int hour, int minute, String start, boolean available) {
        return new Slot(LocalTime.of(hour, minute), Instant.parse(start), available);
    }
}
