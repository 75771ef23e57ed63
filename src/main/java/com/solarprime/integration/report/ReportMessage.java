package com.solarprime.integration.report;

import com.solarprime.integration.shared.TextTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The report as the WhatsApp text of {@code templates/report/weekly.txt}, the seed's layout. */
final class ReportMessage {

    private static final TextTemplate WEEKLY = TextTemplate.fromClasspath("templates/report/weekly.txt");
    private static final TextTemplate SOURCE = TextTemplate.fromClasspath("templates/report/source-line.txt");
    private static final TextTemplate LOSS_REASON = TextTemplate.fromClasspath("templates/report/loss-reason-line.txt");
    private static final TextTemplate STAGE_TIME = TextTemplate.fromClasspath("templates/report/stage-time-line.txt");
    private static final TextTemplate STUCK = TextTemplate.fromClasspath("templates/report/stuck-line.txt");
    private static final TextTemplate CAPTION = TextTemplate.fromClasspath("templates/report/chart-caption.txt");

    private final int hotScore;

    ReportMessage(int hotScore) {
        this.hotScore = hotScore;
    }

    String text(WeeklyReport report) {
        Map<String, Object> values = period(report);
        WeeklyReport.Leads leads = report.leads();
        values.put("received", ReportFormat.count(leads.received()));
        values.put("qualified", ReportFormat.count(leads.qualified()));
        values.put("hotScore", hotScore);
        values.put("hot", ReportFormat.count(leads.hot()));
        values.put("qualificationRate", ReportFormat.percent(leads.qualificationRate()));
        values.put("sources", lines(leads.sources(), SOURCE, s -> Map.of("source", nullable(s.source()),
                "leads", ReportFormat.count(s.leads()))));

        WeeklyReport.Conversion conversion = report.conversion();
        values.put("cohortFrom", ReportFormat.date(conversion.cohortFrom()));
        values.put("cohortTo", ReportFormat.date(conversion.cohortTo()));
        WeeklyReport.Rates rates = conversion.current().rates();
        WeeklyReport.Rates change = conversion.change();
        rate(values, "leadToQualified", rates.leadToQualified(), change.leadToQualified());
        rate(values, "qualifiedToMeeting", rates.qualifiedToMeeting(), change.qualifiedToMeeting());
        rate(values, "meetingToProposal", rates.meetingToProposal(), change.meetingToProposal());
        rate(values, "proposalToWon", rates.proposalToWon(), change.proposalToWon());
        rate(values, "overall", rates.overall(), change.overall());

        WeeklyReport.Meetings meetings = report.meetings();
        values.put("scheduled", ReportFormat.count(meetings.scheduled()));
        values.put("held", ReportFormat.count(meetings.held()));
        values.put("noShow", ReportFormat.count(meetings.noShow()));
        values.put("showRate", ReportFormat.percent(meetings.showRate()));

        WeeklyReport.Results results = report.results();
        values.put("revenue", ReportFormat.money(results.revenue()));
        values.put("won", ReportFormat.count(results.won()));
        values.put("averageTicket", ReportFormat.money(results.averageTicket()));
        values.put("lost", ReportFormat.count(results.lost()));
        values.put("lossReasons", lines(results.lossReasons(), LOSS_REASON, r -> Map.of("name", nullable(r.name()),
                "id", r.id(), "deals", ReportFormat.count(r.deals()))));

        values.put("stageTimes", lines(report.stageTimes(), STAGE_TIME, t -> Map.of("stage", t.stage().kommoName(),
                "days", ReportFormat.days(t.medianDays()))));
        WeeklyReport.Stuck stuck = report.stuck();
        values.put("stuckDays", stuck.afterDays());
        values.put("stuck", lines(stuck.longest(), STUCK, s -> Map.of("name", nullable(s.name()),
                "stage", s.stage().kommoName(), "days", ReportFormat.count(s.days()))));
        int more = stuck.leads() - stuck.longest().size();
        values.put("moreStuck", more > 0 ? ReportFormat.count(more) : null);
        return WEEKLY.render(values);
    }

    /** The chart's caption when the whole text is too long to be one. */
    String caption(WeeklyReport report) {
        return CAPTION.render(period(report));
    }

    private static Map<String, Object> period(WeeklyReport report) {
        Map<String, Object> values = new HashMap<>();
        values.put("week", report.week().toString());
        values.put("from", ReportFormat.date(report.from()));
        values.put("to", ReportFormat.date(report.to()));
        return values;
    }

    private static void rate(Map<String, Object> values, String name, Double rate, Double change) {
        values.put(name, ReportFormat.percent(rate));
        values.put(name + "Change", ReportFormat.points(change));
    }

    private static <T> String lines(List<T> items, TextTemplate line, Function<T, Map<String, Object>> values) {
        return items.stream().map(item -> line.render(values.apply(item))).collect(Collectors.joining("\n"));
    }

    /** Map.of refuses nulls; the templates' fallbacks handle a missing name. */
    private static Object nullable(String value) {
        return value == null ? "" : value;
    }
}
