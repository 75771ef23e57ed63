package com.solarprime.integration.report;

import com.solarprime.integration.qualification.LocalStage;
import com.solarprime.integration.report.WeeklyReport.Funnel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The week's numbers from the leads' journeys: pure computation, every definition of the README's in one place. */
final class WeeklyMetrics {

    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private final ReportProperties settings;

    WeeklyMetrics(ReportProperties settings) {
        this.settings = settings;
    }

    WeeklyReport compute(IsoWeek week, Instant now, List<LeadJourney> journeys, MeetingCounts meetings) {
        Instant start = week.start(settings.zone());
        Instant asOf = asOf(week, now);
        Funnel current = funnel(week, now, journeys);
        Funnel previous = funnel(week.previous(), now, journeys);
        return new WeeklyReport(week, week.monday(), week.sunday(), asOf, leads(journeys, start, asOf),
                new WeeklyReport.Conversion(cohortStart(week), week.sunday(), current, previous,
                        current.rates().minus(previous.rates())),
                new WeeklyReport.Meetings(meetings.scheduled(), meetings.held(), meetings.noShow(),
                        WeeklyReport.ratio(meetings.held(), meetings.held() + meetings.noShow())),
                results(journeys, start, asOf),
                stageTimes(journeys, cohortStart(week).atStartOfDay(settings.zone()).toInstant(), asOf),
                stuck(journeys, asOf));
    }

    private Instant asOf(IsoWeek week, Instant now) {
        Instant end = week.end(settings.zone());
        return now.isBefore(end) ? now : end;
    }

    private LocalDate cohortStart(IsoWeek week) {
        return week.minusWeeks(settings.cohortWeeks() - 1).monday();
    }

    private WeeklyReport.Leads leads(List<LeadJourney> journeys, Instant start, Instant asOf) {
        List<LeadJourney> received = journeys.stream().filter(j -> j.enteredIn(start, asOf)).toList();
        int qualified = (int) received.stream().filter(j -> j.reached(FunnelStep.QUALIFIED, asOf)).count();
        int hot = (int) received.stream().filter(j -> j.score() != null && j.score() >= settings.hotScore()).count();
        Map<Optional<String>, Long> bySource = received.stream()
                .collect(Collectors.groupingBy(j -> Optional.ofNullable(j.source()), LinkedHashMap::new, Collectors.counting()));
        List<WeeklyReport.SourceCount> sources = bySource.entrySet().stream()
                .map(e -> new WeeklyReport.SourceCount(e.getKey().orElse(null), e.getValue().intValue()))
                .sorted(Comparator.comparingInt(WeeklyReport.SourceCount::leads).reversed()
                        .thenComparing(WeeklyReport.SourceCount::source, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new WeeklyReport.Leads(received.size(), qualified, hot, WeeklyReport.ratio(qualified, received.size()),
                sources);
    }

    /** The leads that came in during the cohort window ending with the week, and how far each got by its end. */
    private Funnel funnel(IsoWeek week, Instant now, List<LeadJourney> journeys) {
        Instant from = cohortStart(week).atStartOfDay(settings.zone()).toInstant();
        Instant asOf = asOf(week, now);
        List<LeadJourney> cohort = journeys.stream().filter(j -> j.enteredIn(from, asOf)).toList();
        Function<FunnelStep, Integer> reached = step -> (int) cohort.stream().filter(j -> j.reached(step, asOf)).count();
        return Funnel.of(cohort.size(), reached.apply(FunnelStep.QUALIFIED), reached.apply(FunnelStep.MEETING),
                reached.apply(FunnelStep.PROPOSAL), reached.apply(FunnelStep.WON));
    }

    private WeeklyReport.Results results(List<LeadJourney> journeys, Instant start, Instant asOf) {
        List<LeadJourney> won = journeys.stream().filter(j -> j.movedTo(LocalStage.WON, start, asOf)).toList();
        List<BigDecimal> prices = won.stream().map(LeadJourney::price).filter(Objects::nonNull).toList();
        BigDecimal revenue = prices.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        BigDecimal averageTicket = prices.isEmpty() ? null
                : revenue.divide(BigDecimal.valueOf(prices.size()), 2, RoundingMode.HALF_UP);
        List<LeadJourney> lost = journeys.stream().filter(j -> j.movedTo(LocalStage.LOST, start, asOf)).toList();
        Map<Long, Long> byReason = lost.stream().map(LeadJourney::lossReasonId).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<WeeklyReport.LossReason> reasons = byReason.entrySet().stream()
                .map(e -> new WeeklyReport.LossReason(e.getKey(), settings.lossReasons().get(e.getKey()),
                        e.getValue().intValue()))
                .sorted(Comparator.comparingInt(WeeklyReport.LossReason::deals).reversed()
                        .thenComparingLong(WeeklyReport.LossReason::id))
                .limit(settings.lossReasonsListed())
                .toList();
        return new WeeklyReport.Results(won.size(), revenue, averageTicket, lost.size(), reasons);
    }

    /** Median days in each open stage, over the stays that ended within [from, asOf). */
    private List<WeeklyReport.StageTime> stageTimes(List<LeadJourney> journeys, Instant from, Instant asOf) {
        Map<LocalStage, List<Double>> days = new EnumMap<>(LocalStage.class);
        for (LeadJourney journey : journeys) {
            for (LeadJourney.Stay stay : journey.staysEnded(from, asOf)) {
                if (isOpen(stay.stage())) {
                    days.computeIfAbsent(stay.stage(), s -> new ArrayList<>()).add(stay.length().toSeconds() / SECONDS_PER_DAY);
                }
            }
        }
        return days.entrySet().stream()
                .map(e -> new WeeklyReport.StageTime(e.getKey(), median(e.getValue()), e.getValue().size()))
                .toList();
    }

    private WeeklyReport.Stuck stuck(List<LeadJourney> journeys, Instant asOf) {
        record Since(LeadJourney journey, LeadJourney.Visit since) {
        }
        List<Since> stuck = journeys.stream().filter(j -> !j.deleted())
                .flatMap(j -> j.lastVisit(asOf).stream().map(v -> new Since(j, v)))
                .filter(s -> isOpen(s.since().stage())
                        && Duration.between(s.since().at(), asOf).compareTo(settings.stuckAfter()) > 0)
                .sorted(Comparator.comparing((Since s) -> s.since().at())
                        .thenComparing(s -> s.journey().name(), Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new WeeklyReport.Stuck((int) settings.stuckAfter().toDays(), stuck.size(), stuck.stream()
                .limit(settings.stuckListed())
                .map(s -> new WeeklyReport.StuckLead(s.journey().name(), s.since().stage(),
                        Duration.between(s.since().at(), asOf).toDays()))
                .toList());
    }

    private static boolean isOpen(LocalStage stage) {
        return stage != null && stage != LocalStage.WON && stage != LocalStage.LOST;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
