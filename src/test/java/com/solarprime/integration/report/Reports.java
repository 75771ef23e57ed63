package com.solarprime.integration.report;

import com.solarprime.integration.qualification.LocalStage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Settings and a finished report of the tests: the example the README shows. */
final class Reports {

    static final ZoneId RECIFE = ZoneId.of("America/Recife");

    private Reports() {
    }

    static ReportProperties settings() {
        return new ReportProperties("0 0 8 ? * MON", RECIFE, List.of(), 4, 70, Duration.ofDays(14), 5, 3,
                Map.of(4471L, "Preço"), new ReportProperties.Chart(1000, 600), 1024);
    }

    /** A time in Recife, e.g. {@code 2026-03-02T09:00}. */
    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(RECIFE).toInstant();
    }

    /** Week 2026-W48 (23 to 29 November 2026) as a busy week might look. */
    static WeeklyReport example() {
        IsoWeek week = new IsoWeek(2026, 48);
        WeeklyReport.Funnel current = WeeklyReport.Funnel.of(160, 72, 41, 26, 9);
        WeeklyReport.Funnel previous = WeeklyReport.Funnel.of(151, 64, 37, 25, 8);
        return new WeeklyReport(week, week.monday(), week.sunday(), week.end(RECIFE),
                new WeeklyReport.Leads(42, 19, 11, 19 / 42.0, List.of(new WeeklyReport.SourceCount("WhatsApp", 31),
                        new WeeklyReport.SourceCount("Indicação", 6), new WeeklyReport.SourceCount("Instagram", 3),
                        new WeeklyReport.SourceCount(null, 2))),
                new WeeklyReport.Conversion(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 29), current, previous,
                        current.rates().minus(previous.rates())),
                new WeeklyReport.Meetings(14, 10, 2, 10 / 12.0),
                new WeeklyReport.Results(3, new BigDecimal("87345.60"), new BigDecimal("29115.20"), 5,
                        List.of(new WeeklyReport.LossReason(4471, "Preço", 2), new WeeklyReport.LossReason(4475, null, 1))),
                List.of(new WeeklyReport.StageTime(LocalStage.NEW, 0.4, 40),
                        new WeeklyReport.StageTime(LocalStage.QUALIFIED, 2.5, 20),
                        new WeeklyReport.StageTime(LocalStage.PROPOSAL_SENT, 6.0, 7)),
                new WeeklyReport.Stuck(14, 6, List.of(new WeeklyReport.StuckLead("Marcos Albuquerque", LocalStage.PROPOSAL_SENT, 31),
                        new WeeklyReport.StuckLead(null, LocalStage.QUALIFIED, 17))));
    }
}
