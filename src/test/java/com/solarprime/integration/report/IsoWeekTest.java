package com.solarprime.integration.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IsoWeekTest {

    @Test
    void aWeekRunsFromMondayMidnightInRecifeToTheNextMonday() {
        IsoWeek week = IsoWeek.parse("2026-W48").orElseThrow();

        assertThat(week.monday()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(week.sunday()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(week.start(Reports.RECIFE)).isEqualTo(Instant.parse("2026-11-23T03:00:00Z"));
        assertThat(week.end(Reports.RECIFE)).isEqualTo(Instant.parse("2026-11-30T03:00:00Z"));
        assertThat(week).hasToString("2026-W48");
    }

    @Test
    void weeksCrossYearsAsIsoSays() {
        assertThat(IsoWeek.of(LocalDate.of(2027, 1, 1))).hasToString("2026-W53");
        assertThat(IsoWeek.of(LocalDate.of(2024, 12, 30))).hasToString("2025-W01");
        assertThat(new IsoWeek(2027, 1).previous()).hasToString("2026-W53");
        assertThat(new IsoWeek(2026, 10).minusWeeks(3)).hasToString("2026-W07");
    }

    @Test
    void onlyWeeksThatExistAreRead() {
        assertThat(IsoWeek.parse("2026-W53")).isPresent();
        assertThat(IsoWeek.parse("2025-W53")).isEmpty();
        assertThat(IsoWeek.parse("2026-W00")).isEmpty();
        assertThat(IsoWeek.parse("2026-48")).isEmpty();
        assertThat(IsoWeek.parse("2026-W4")).isEmpty();
        assertThat(IsoWeek.parse("W48")).isEmpty();
        assertThat(IsoWeek.parse(null)).isEmpty();
    }
}
