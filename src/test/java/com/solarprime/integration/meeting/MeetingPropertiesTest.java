package com.solarprime.integration.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeetingPropertiesTest {

    @Test
    void theShippedDefaultsAreTheSeedsSlotsAndNoListOfSalespeople() {
        MeetingProperties properties = MeetingSlotsTest.defaults();

        assertThat(properties.length()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.slotTimes()).containsExactly(LocalTime.of(9, 0), LocalTime.of(10, 0), LocalTime.of(11, 0),
                LocalTime.of(14, 0), LocalTime.of(15, 0), LocalTime.of(16, 0), LocalTime.of(17, 0));
        assertThat(properties.salespeople()).isEmpty();
        assertThat(properties.noShowGrace()).isEqualTo(Duration.ofHours(2));
        assertThat(properties.attendanceCheckInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aSalespersonIsAnEmailOrAUserIdWithHoursThatMakeSense() {
        assertThat(new MeetingProperties.SalespersonHours(" Ana@SolarPrime.com.br ", null, null, null).user())
                .isEqualTo("Ana@SolarPrime.com.br");
        assertThat(new MeetingProperties.SalespersonHours("8123456", Set.of(DayOfWeek.SATURDAY), LocalTime.of(8, 0),
                LocalTime.of(12, 0)).ref().userId()).isEqualTo(8123456L);
        assertThatThrownBy(() -> new MeetingProperties.SalespersonHours("Ana", null, null, null))
                .hasMessageContaining("solarprime.meetings.salespeople");
        assertThatThrownBy(() -> new MeetingProperties.SalespersonHours("ana@solarprime.com.br", null, LocalTime.of(18, 0),
                LocalTime.of(8, 0))).hasMessageContaining("opens");
        assertThatThrownBy(() -> new MeetingProperties(Duration.ZERO, List.of(LocalTime.NOON), List.of(), Duration.ZERO,
                Duration.ofMinutes(5))).hasMessageContaining("length");
    }
}
