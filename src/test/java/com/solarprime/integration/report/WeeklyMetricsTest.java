package com.solarprime.integration.report;

import static com.solarprime.integration.qualification.LocalStage.IN_QUALIFICATION;
import static com.solarprime.integration.qualification.LocalStage.LOST;
import static com.solarprime.integration.qualification.LocalStage.MEETING_SCHEDULED;
import static com.solarprime.integration.qualification.LocalStage.NEW;
import static com.solarprime.integration.qualification.LocalStage.PROPOSAL_SENT;
import static com.solarprime.integration.qualification.LocalStage.QUALIFIED;
import static com.solarprime.integration.qualification.LocalStage.WON;
import static com.solarprime.integration.report.Reports.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.solarprime.integration.qualification.LocalStage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The definitions of the README on small journeys whose answers are plain to see. Week: 2026-W10, 2 to 8 March. */
class WeeklyMetricsTest {

    static final IsoWeek WEEK = new IsoWeek(2026, 10);
    static final Instant LATER = at("2026-06-01T00:00");
    static final MeetingCounts NO_MEETINGS = new MeetingCounts(0, 0, 0);

    final WeeklyMetrics metrics = new WeeklyMetrics(Reports.settings());

    @Test
    void aLeadThatSkipsStagesHasPassedTheStepsBeforeItButLostSaysNothingOfHowFarOneGot() {
        List<LeadJourney> leads = List.of(
                lead("Pulou", "2026-03-02T09:00", null, visit("2026-03-02T09:05", NEW), visit("2026-03-03T10:00", PROPOSAL_SENT)),
                lead("Perdeu", "2026-03-02T10:00", null, visit("2026-03-02T10:05", NEW), visit("2026-03-03T10:00", QUALIFIED),
                        visit("2026-03-04T10:00", LOST)));

        WeeklyReport.Funnel funnel = metrics.compute(WEEK, LATER, leads, NO_MEETINGS).conversion().current();

        assertThat(List.of(funnel.leads(), funnel.qualified(), funnel.meeting(), funnel.proposal(), funnel.won()))
                .containsExactly(2, 2, 1, 1, 0);
        assertThat(funnel.rates().qualifiedToMeeting()).isEqualTo(0.5);
        assertThat(funnel.rates().proposalToWon()).isEqualTo(0.0);
    }

    @Test
    void aBookedMeetingReachesTheMeetingStepFromTheMomentItWasBooked() {
        LeadJourney booked = new LeadJourney(1L, 11L, "Reunião marcada", at("2026-03-02T09:00"), null, null, null, null,
                false, List.of(visit("2026-03-02T09:05", QUALIFIED)), List.of(at("2026-03-04T10:00")));

        assertThat(booked.reached(FunnelStep.MEETING, at("2026-03-05T00:00"))).isTrue();
        assertThat(booked.reached(FunnelStep.MEETING, at("2026-03-04T09:59"))).isFalse();
    }

    @Test
    void theCurrentWeekIsReadUpToNowAndComparedWithLastWeekUpToItsEnd() {
        Instant wednesday = at("2026-03-04T12:00");
        List<LeadJourney> leads = List.of(
                lead("Antiga", "2026-02-25T09:00", null, visit("2026-02-25T09:05", NEW), visit("2026-03-03T09:00", QUALIFIED)),
                lead("Nova", "2026-03-03T09:00", null, visit("2026-03-03T09:05", NEW)));

        WeeklyReport report = metrics.compute(WEEK, wednesday, leads, NO_MEETINGS);

        assertThat(report.asOf()).isEqualTo(wednesday);
        assertThat(report.leads().received()).isEqualTo(1);
        assertThat(report.conversion().current().qualified()).isEqualTo(1);
        assertThat(report.conversion().previous().leads()).isEqualTo(1);
        assertThat(report.conversion().previous().qualified()).as("qualified after last week ended").isZero();
        assertThat(report.conversion().change().leadToQualified()).isEqualTo(0.5);
    }

    @Test
    void revenueIsTheSumOfTheWonPricesAndTheTicketIsOverTheDealsThatHaveOne() {
        List<LeadJourney> leads = List.of(
                won("Mil", new BigDecimal("1000"), "2026-03-03T10:00"),
                won("Dois mil", new BigDecimal("2000.50"), "2026-03-08T23:59"),
                won("Sem preço", null, "2026-03-05T10:00"),
                won("Semana seguinte", new BigDecimal("99999"), "2026-03-09T00:00"));

        WeeklyReport.Results results = metrics.compute(WEEK, LATER, leads, NO_MEETINGS).results();

        assertThat(results.won()).isEqualTo(3);
        assertThat(results.revenue()).isEqualByComparingTo("3000.50");
        assertThat(results.averageTicket()).isEqualByComparingTo("1500.25");
    }

    @Test
    void lossReasonsAreTheMostFrequentKnownOnes() {
        List<LeadJourney> leads = new ArrayList<>();
        long[] reasons = {4471, 4471, 4480, 4490, 4490, 4490};
        for (long reason : reasons) {
            leads.add(lost(reason));
        }
        leads.add(lost(null));

        WeeklyReport.Results results = metrics.compute(WEEK, LATER, leads, NO_MEETINGS).results();

        assertThat(results.lost()).isEqualTo(7);
        assertThat(results.lossReasons()).containsExactly(new WeeklyReport.LossReason(4490, null, 3),
                new WeeklyReport.LossReason(4471, "Preço", 2), new WeeklyReport.LossReason(4480, null, 1));
    }

    @Test
    void medianDaysPerStageCountTheStaysThatEndedInTheCohortWindow() {
        List<LeadJourney> leads = List.of(
                lead("A", "2026-02-01T09:00", null, visit("2026-02-01T09:00", NEW), visit("2026-02-02T09:00", QUALIFIED),
                        visit("2026-02-12T09:00", MEETING_SCHEDULED)),
                lead("B", "2026-03-02T09:00", null, visit("2026-03-02T09:00", NEW), visit("2026-03-02T21:00", QUALIFIED),
                        visit("2026-03-05T21:00", WON)),
                lead("C", "2026-03-02T09:00", null, visit("2026-03-02T09:00", NEW), visit("2026-03-05T09:00", QUALIFIED)));

        List<WeeklyReport.StageTime> times = metrics.compute(WEEK, LATER, leads, NO_MEETINGS).stageTimes();

        assertThat(times).extracting(WeeklyReport.StageTime::stage).containsExactly(NEW, QUALIFIED);
        assertThat(times.get(0).stays()).as("A's Novo Lead ended before the window").isEqualTo(2);
        assertThat(times.get(0).medianDays()).isCloseTo(1.75, within(1e-9));
        assertThat(times.get(1).stays()).isEqualTo(2);
        assertThat(times.get(1).medianDays()).isCloseTo(6.5, within(1e-9));
    }

    @Test
    void stuckLeadsAreOpenLeadsThatHaveNotMovedForLongerThanTheThresholdLongestFirst() {
        Instant end = WEEK.end(Reports.RECIFE);
        List<LeadJourney> leads = new ArrayList<>();
        for (int days = 15; days <= 21; days++) {
            leads.add(lead("Parado " + days, "2026-01-01T09:00", null, new LeadJourney.Visit(end.minusSeconds(days * 86400L + 60), QUALIFIED)));
        }
        leads.add(lead("Exatamente 14", "2026-01-01T09:00", null, new LeadJourney.Visit(end.minusSeconds(14 * 86400L), QUALIFIED)));
        leads.add(lead("Ganho", "2026-01-01T09:00", null, visit("2026-01-02T09:00", WON)));
        leads.add(lead("Outro funil", "2026-01-01T09:00", null, visit("2026-01-02T09:00", QUALIFIED), visit("2026-01-03T09:00", null)));
        leads.add(new LeadJourney(null, 99L, "Apagado", at("2026-01-01T09:00"), null, null, null, null, true,
                List.of(visit("2026-01-02T09:00", IN_QUALIFICATION)), List.of()));

        WeeklyReport.Stuck stuck = metrics.compute(WEEK, LATER, leads, NO_MEETINGS).stuck();

        assertThat(stuck.afterDays()).isEqualTo(14);
        assertThat(stuck.leads()).isEqualTo(7);
        assertThat(stuck.longest()).extracting(WeeklyReport.StuckLead::name)
                .containsExactly("Parado 21", "Parado 20", "Parado 19", "Parado 18", "Parado 17");
        assertThat(stuck.longest().get(0).days()).isEqualTo(21);
    }

    @Test
    void showRateIsHeldOverHeldAndNoShow() {
        WeeklyReport.Meetings meetings = metrics.compute(WEEK, LATER, List.of(), new MeetingCounts(5, 3, 1)).meetings();

        assertThat(meetings.showRate()).isEqualTo(0.75);
        assertThat(meetings.scheduled()).isEqualTo(5);
    }

    private static LeadJourney lead(String name, String entered, Integer score, LeadJourney.Visit... visits) {
        return new LeadJourney(null, null, name, at(entered), null, score, null, null, false, List.of(visits), List.of());
    }

    private static LeadJourney won(String name, BigDecimal price, String at) {
        return new LeadJourney(null, null, name, at("2026-02-20T09:00"), null, null, price, null, false,
                List.of(visit("2026-02-20T09:00", PROPOSAL_SENT), visit(at, WON)), List.of());
    }

    private static LeadJourney lost(Long reason) {
        return new LeadJourney(null, null, "Perdido", at("2026-03-02T09:00"), null, null, null, reason, false,
                List.of(visit("2026-03-02T09:00", NEW), visit("2026-03-03T09:00", LOST)), List.of());
    }

    private static LeadJourney.Visit visit(String at, LocalStage stage) {
        return new LeadJourney.Visit(at(at), stage);
    }
}
