package com.solarprime.integration.report;

import com.solarprime.integration.shared.ClientError;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * The weekly report's computations for the {@code weekly-report} routes: which week, its numbers from the stored
 * history, the text and the chart.
 */
@Component("weeklyReports")
public class WeeklyReports {

    private final ReportRepository repository;
    private final ReportProperties settings;
    private final Clock clock;
    private final WeeklyMetrics metrics;
    private final ReportMessage message;
    private final FunnelChart chart;

    public WeeklyReports(ReportRepository repository, ReportProperties settings, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
        this.metrics = new WeeklyMetrics(settings);
        this.message = new ReportMessage(settings.hotScore());
        this.chart = new FunnelChart(settings.chart(), settings.cohortWeeks());
    }

    /** The week before the current one, in the report's zone. */
    public IsoWeek lastEndedWeek() {
        return IsoWeek.of(LocalDate.ofInstant(clock.instant(), settings.zone())).previous();
    }

    /** The week asked for ({@code 2026-W48}), the last ended one when none is; 400 for a malformed or future week. */
    public IsoWeek week(String raw) {
        if (raw == null || raw.isBlank()) {
            return lastEndedWeek();
        }
        IsoWeek week = parse(raw);
        if (week.start(settings.zone()).isAfter(clock.instant())) {
            throw new ClientError(400, "week " + week + " has not started yet");
        }
        return week;
    }

    /** A week that is over, to be sent; 400 otherwise. */
    public IsoWeek endedWeek(String raw) {
        IsoWeek week = parse(raw);
        if (week.end(settings.zone()).isAfter(clock.instant())) {
            throw new ClientError(400, "week " + week + " has not ended yet");
        }
        return week;
    }

    /** The week of a chart's file name, {@code 2026-W48.png}. */
    public IsoWeek chartWeek(String fileName) {
        if (fileName == null || !fileName.endsWith(".png")) {
            throw new ClientError(400, "the chart is at /api/reports/weekly/{isoWeek}.png, e.g. 2026-W48.png");
        }
        return week(fileName.substring(0, fileName.length() - ".png".length()));
    }

    /** The week's numbers, read from the history up to the week's end (or now, while it lasts). */
    public WeeklyReport compute(IsoWeek week) {
        Instant now = clock.instant();
        Instant end = week.end(settings.zone());
        Instant asOf = now.isBefore(end) ? now : end;
        Instant since = week.previous().minusWeeks(settings.cohortWeeks() - 1).start(settings.zone());
        return metrics.compute(week, now, repository.journeys(since, asOf),
                repository.meetings(week.start(settings.zone()), end, asOf));
    }

    public byte[] chart(WeeklyReport report) {
        return chart.png(report);
    }

    public PreparedReport prepare(WeeklyReport report) {
        return new PreparedReport(report.week(), message.text(report), message.caption(report), chart.png(report));
    }

    private static IsoWeek parse(String raw) {
        return IsoWeek.parse(raw).orElseThrow(() -> new ClientError(400,
                "week must be an ISO week such as 2026-W48"));
    }
}
