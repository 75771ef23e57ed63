package com.solarprime.integration.qualification;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The business rules of lead qualification (seed 5.2), with their defaults in {@code application.yaml}.
 *
 * @param score points per criterion and the cap
 * @param tags thresholds of the automatic Kommo tags
 * @param discountHighBillAbove a generic "desconto" interest becomes "Desconto >R$4000" when the bill is above this
 * @param responsible who owns a lead in Kommo
 */
@ConfigurationProperties("solarprime.qualification")
public record QualificationProperties(Score score, Tags tags, BigDecimal discountHighBillAbove,
                                      Responsible responsible) {

    public QualificationProperties {
        Objects.requireNonNull(score, "solarprime.qualification.score");
        Objects.requireNonNull(tags, "solarprime.qualification.tags");
        Objects.requireNonNull(discountHighBillAbove, "solarprime.qualification.discount-high-bill-above");
        Objects.requireNonNull(responsible, "solarprime.qualification.responsible");
    }

    /**
     * @param max the score never exceeds this
     * @param bill monthly energy bill (R$) bands; the highest reached gives its points
     * @param solution points per solution interest
     * @param timeline points per purchase timeline
     * @param messages inbound message count bands; the highest reached gives its points
     * @param responseSeconds average response time bands; the lowest limit the time is under gives its
     *                        points, and no response data gives none
     */
    public record Score(int max, List<AtLeast> bill, SolutionPoints solution, TimelinePoints timeline,
                        List<AtLeast> messages, List<Under> responseSeconds) {

        public Score {
            bill = sorted(bill, Comparator.comparing(AtLeast::atLeast).reversed(), "score.bill");
            messages = sorted(messages, Comparator.comparing(AtLeast::atLeast).reversed(), "score.messages");
            responseSeconds = sorted(responseSeconds, Comparator.comparing(Under::under), "score.response-seconds");
            Objects.requireNonNull(solution, "solarprime.qualification.score.solution");
            Objects.requireNonNull(timeline, "solarprime.qualification.score.timeline");
        }
    }

    /** Points for a value of at least {@code atLeast}. */
    public record AtLeast(BigDecimal atLeast, int points) {
    }

    /** Points for a value strictly under {@code under}. */
    public record Under(BigDecimal under, int points) {
    }

    /** Keyed by the meaning of each {@code solution_interest} value. */
    public record SolutionPoints(int ownPlant, int partnerPlant, int investment, int discount) {
    }

    /** Keyed by the meaning of each {@code timeline} value (imediato, 30_dias, 90_dias, futuro). */
    public record TimelinePoints(int immediate, int within30Days, int within90Days, int future) {
    }

    /**
     * @param hotScore "Lead Quente" from this score
     * @param warmScore "Lead Morno" from this score (below it, "Lead Frio")
     * @param highValueBill "Alto Valor" from this bill
     * @param mediumValueBill "Médio Valor" from this bill
     * @param highEngagementAbove "Alto Engajamento" with more inbound messages than this
     */
    public record Tags(int hotScore, int warmScore, BigDecimal highValueBill, BigDecimal mediumValueBill,
                       int highEngagementAbove) {

        public Tags {
            Objects.requireNonNull(highValueBill, "solarprime.qualification.tags.high-value-bill");
            Objects.requireNonNull(mediumValueBill, "solarprime.qualification.tags.medium-value-bill");
        }
    }

    /**
     * Each user is a Kommo user id or the user's e-mail; blank means not configured.
     *
     * @param highValueBillAbove leads with a bill above this go to {@code highValueUser}
     * @param highValueUser owner of high-value leads
     * @param investmentUser owner of investment leads
     * @param defaultUser owner of every other lead
     */
    public record Responsible(BigDecimal highValueBillAbove, String highValueUser, String investmentUser,
                              String defaultUser) {

        public Responsible {
            Objects.requireNonNull(highValueBillAbove, "solarprime.qualification.responsible.high-value-bill-above");
        }
    }

    private static <T> List<T> sorted(List<T> bands, Comparator<T> order, String name) {
        if (bands == null) {
            throw new IllegalArgumentException("solarprime.qualification." + name + " is missing");
        }
        return bands.stream().sorted(order).toList();
    }
}
