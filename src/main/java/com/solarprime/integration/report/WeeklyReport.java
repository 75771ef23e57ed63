package com.solarprime.integration.report;

import com.solarprime.integration.qualification.LocalStage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The numbers of one ISO week, as the stored history tells them (README, "Weekly report", defines each). Rates are
 * fractions (0.425 is 42.5%), null when their denominator is zero.
 *
 * @param from the week's Monday
 * @param to the week's Sunday
 * @param asOf the history is read up to here: the week's end, or now while the week lasts
 */
public record WeeklyReport(IsoWeek week, LocalDate from, LocalDate to, Instant asOf, Leads leads, Conversion conversion,
                           Meetings meetings, Results results, List<StageTime> stageTimes, Stuck stuck) {

    /**
     * Leads that came in during the week.
     *
     * @param qualified of those, how many had reached Qualificado or beyond by the week's end
     * @param hot of those, how many score at least the hot score
     */
    public record Leads(int received, int qualified, int hot, Double qualificationRate, List<SourceCount> sources) {
    }

    /** @param source the "Origem do Lead" option, null when Kommo has none */
    public record SourceCount(String source, int leads) {
    }

    /**
     * The funnel of the leads that came in during the cohort window ending with the week, against the same for the
     * week before (a window one week earlier, read up to that week's end).
     *
     * @param cohortFrom the window's first day
     * @param cohortTo the window's last day
     * @param change this week's rates minus last week's
     */
    public record Conversion(LocalDate cohortFrom, LocalDate cohortTo, Funnel current, Funnel previous, Rates change) {
    }

    /** How many leads of a cohort reached each step, and the rates between consecutive steps. */
    public record Funnel(int leads, int qualified, int meeting, int proposal, int won, Rates rates) {

        static Funnel of(int leads, int qualified, int meeting, int proposal, int won) {
            return new Funnel(leads, qualified, meeting, proposal, won, new Rates(ratio(qualified, leads),
                    ratio(meeting, qualified), ratio(proposal, meeting), ratio(won, proposal), ratio(won, leads)));
        }

        public int count(FunnelStep step) {
            return switch (step) {
                case LEAD -> leads;
                case QUALIFIED -> qualified;
                case MEETING -> meeting;
                case PROPOSAL -> proposal;
                case WON -> won;
            };
        }
    }

    public record Rates(Double leadToQualified, Double qualifiedToMeeting, Double meetingToProposal, Double proposalToWon,
                        Double overall) {

        Rates minus(Rates other) {
            return new Rates(difference(leadToQualified, other.leadToQualified),
                    difference(qualifiedToMeeting, other.qualifiedToMeeting),
                    difference(meetingToProposal, other.meetingToProposal),
                    difference(proposalToWon, other.proposalToWon), difference(overall, other.overall));
        }

        private static Double difference(Double a, Double b) {
            return a == null || b == null ? null : a - b;
        }
    }

    /**
     * @param scheduled meetings booked during the week and not cancelled
     * @param held meetings of the week (by their start) that took place
     * @param noShow meetings of the week the lead did not come to
     * @param showRate held / (held + no-show)
     */
    public record Meetings(int scheduled, int held, int noShow, Double showRate) {
    }

    /**
     * @param won deals moved to Fechado/Ganho during the week
     * @param revenue the sum of their prices
     * @param averageTicket revenue over the won deals that have a price; null when none has
     * @param lost deals moved to Fechado/Perdido during the week
     * @param lossReasons their most frequent loss reasons, where Kommo has one
     */
    public record Results(int won, BigDecimal revenue, BigDecimal averageTicket, int lost, List<LossReason> lossReasons) {
    }

    /** @param name as configured for Kommo's loss reason id, null when not configured */
    public record LossReason(long id, String name, int deals) {
    }

    /** The median time spent in a stage, over the stays in it that ended within the cohort window. */
    public record StageTime(LocalStage stage, double medianDays, int stays) {
    }

    /**
     * Open leads (in a stage of the funnel before Fechado) that have not moved for longer than {@code afterDays}.
     *
     * @param leads how many
     * @param longest the longest stuck, longest first
     */
    public record Stuck(int afterDays, int leads, List<StuckLead> longest) {
    }

    /** @param name null when the lead has none */
    public record StuckLead(String name, LocalStage stage, long days) {
    }

    static Double ratio(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
