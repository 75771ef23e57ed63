package com.solarprime.integration.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

    @Test
    void moneyIsWrittenTheBrazilianWay() {
        assertThat(ReportFormat.money(new BigDecimal("12345.67"))).isEqualTo("R$ 12.345,67");
        assertThat(ReportFormat.money(new BigDecimal("1234567.8"))).isEqualTo("R$ 1.234.567,80");
        assertThat(ReportFormat.money(new BigDecimal("999.999"))).isEqualTo("R$ 1.000,00");
        assertThat(ReportFormat.money(BigDecimal.ZERO)).isEqualTo("R$ 0,00");
        assertThat(ReportFormat.money(new BigDecimal("0.5"))).isEqualTo("R$ 0,50");
        assertThat(ReportFormat.money(null)).isEqualTo("—");
    }

    @Test
    void datesAreDayMonthYear() {
        assertThat(ReportFormat.date(LocalDate.of(2026, 3, 2))).isEqualTo("02/03/2026");
        assertThat(ReportFormat.date(LocalDate.of(2026, 11, 29))).isEqualTo("29/11/2026");
    }

    @Test
    void percentagesHaveOneDecimalAfterAComma() {
        assertThat(ReportFormat.percent(0.425)).isEqualTo("42,5%");
        assertThat(ReportFormat.percent(2 / 3.0)).isEqualTo("66,7%");
        assertThat(ReportFormat.percent(1.0)).isEqualTo("100,0%");
        assertThat(ReportFormat.percent(0.0)).isEqualTo("0,0%");
        assertThat(ReportFormat.percent(null)).isEqualTo("—");
    }

    @Test
    void changesArePercentagePointsWithTheirSign() {
        assertThat(ReportFormat.points(0.032)).isEqualTo("+3,2 p.p.");
        assertThat(ReportFormat.points(8 / 14.0 - 2 / 3.0)).isEqualTo("-9,5 p.p.");
        assertThat(ReportFormat.points(0.0001)).isEqualTo("0,0 p.p.");
        assertThat(ReportFormat.points(null)).isEmpty();
    }

    @Test
    void daysAndCounts() {
        assertThat(ReportFormat.days(4.479)).isEqualTo("4,5");
        assertThat(ReportFormat.days(0.25)).isEqualTo("0,3");
        assertThat(ReportFormat.count(1234)).isEqualTo("1.234");
        assertThat(ReportFormat.count(7)).isEqualTo("7");
    }
}
