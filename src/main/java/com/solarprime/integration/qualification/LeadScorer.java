package com.solarprime.integration.qualification;

import com.solarprime.integration.qualification.QualificationProperties.AtLeast;
import com.solarprime.integration.qualification.QualificationProperties.Score;
import com.solarprime.integration.qualification.QualificationProperties.Under;
import java.math.BigDecimal;
import java.util.List;

/**
 * The seed's 0–100 score: energy bill, solution interest, timeline and engagement. Unlike the seed, a
 * lead without response-time data earns no response points (the seed's default of 0 s rewarded silence).
 */
public final class LeadScorer {

    private final Score rules;

    public LeadScorer(Score rules) {
        this.rules = rules;
    }

    /** Scores a profile whose engagement figures are already filled in ({@link LeadProfile#withStats}). */
    public int score(LeadProfile profile) {
        int points = highestReached(rules.bill(), profile.energyBillValue())
                + solutionPoints(profile.solutionInterest())
                + timelinePoints(profile.timeline())
                + highestReached(rules.messages(),
                        profile.messageCount() == null ? null : BigDecimal.valueOf(profile.messageCount()))
                + lowestUnder(rules.responseSeconds(),
                        profile.avgResponseTimeSeconds() == null ? null : BigDecimal.valueOf(profile.avgResponseTimeSeconds()));
        return Math.max(0, Math.min(points, rules.max()));
    }

    private int solutionPoints(String interest) {
        return SolutionInterest.fromCode(interest).map(value -> switch (value) {
            case OWN_PLANT -> rules.solution().ownPlant();
            case PARTNER_PLANT -> rules.solution().partnerPlant();
            case INVESTMENT -> rules.solution().investment();
            case DISCOUNT, DISCOUNT_HIGH, DISCOUNT_LOW -> rules.solution().discount();
        }).orElse(0);
    }

    private int timelinePoints(String timeline) {
        return Timeline.fromCode(timeline).map(value -> switch (value) {
            case IMMEDIATE -> rules.timeline().immediate();
            case WITHIN_30_DAYS -> rules.timeline().within30Days();
            case WITHIN_90_DAYS -> rules.timeline().within90Days();
            case FUTURE -> rules.timeline().future();
        }).orElse(0);
    }

    /** Bands are sorted highest first. */
    private static int highestReached(List<AtLeast> bands, BigDecimal value) {
        if (value == null) {
            return 0;
        }
        return bands.stream().filter(band -> value.compareTo(band.atLeast()) >= 0)
                .findFirst().map(AtLeast::points).orElse(0);
    }

    /** Bands are sorted lowest first. */
    private static int lowestUnder(List<Under> bands, BigDecimal value) {
        if (value == null) {
            return 0;
        }
        return bands.stream().filter(band -> value.compareTo(band.under()) < 0)
                .findFirst().map(Under::points).orElse(0);
    }
}
