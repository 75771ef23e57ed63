package com.solarprime.integration.automation;

import com.solarprime.integration.followup.FollowUpProperties;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the pipeline automation does when a lead changes stage (seed 6): score thresholds, Kommo task due
 * times, who is alerted, and the meeting slots offered. Follow-up timings (warm, cold, proposal, meeting
 * confirmation and reminder) are those of {@link FollowUpProperties}, so that one setting drives one cadence.
 *
 * @param hotScore from this score a qualified lead is hot: urgent task and an alert to the salesperson
 * @param warmScore from this score (below {@code hotScore}) a qualified lead is warm: a DAILY follow-up;
 *                  below it, or without a score, it is cold: a REENGAGEMENT follow-up
 * @param qualificationTaskDelay Em Qualificação: the first-contact task falls due this long after the change
 * @param hotLeadTaskDelay Qualificado (hot): the urgent contact task falls due this long after the change
 * @param meetingPreparationBefore Reunião Agendada: the preparation task falls due this long before the meeting
 * @param negotiationTaskDelay Em Negociação: the proposal and savings tasks fall due this long after the change
 * @param proposalTaskDelays Proposta Enviada: exactly three delays, one per seed task text, in order
 * @param onboardingTaskDelay Fechado/Ganho: the onboarding task falls due this long after the change
 * @param feedbackTaskDelay Fechado/Perdido: the feedback task falls due this long after the change
 * @param salespersonPhones WhatsApp number per Kommo user id, for alerts to the lead's responsible user
 * @param salesGroup WhatsApp group that gets an alert when the responsible user has no number here
 * @param meetingSlots the meeting slots offered per business day
 */
@ConfigurationProperties("solarprime.automation")
public record AutomationProperties(int hotScore, int warmScore, Duration qualificationTaskDelay,
                                   Duration hotLeadTaskDelay, Duration meetingPreparationBefore,
                                   Duration negotiationTaskDelay, List<Duration> proposalTaskDelays,
                                   Duration onboardingTaskDelay, Duration feedbackTaskDelay,
                                   Map<Long, String> salespersonPhones, String salesGroup, Slots meetingSlots) {

    /** Proposta Enviada has three seed texts; a different count would leave tasks without text or text unused. */
    public static final int PROPOSAL_TASKS = 3;

    public AutomationProperties {
        if (warmScore > hotScore) {
            throw new IllegalArgumentException("solarprime.automation.warm-score (" + warmScore
                    + ") must not exceed hot-score (" + hotScore + ")");
        }
        requireNotNegative(qualificationTaskDelay, "qualification-task-delay");
        requireNotNegative(hotLeadTaskDelay, "hot-lead-task-delay");
        requireNotNegative(meetingPreparationBefore, "meeting-preparation-before");
        requireNotNegative(negotiationTaskDelay, "negotiation-task-delay");
        requireNotNegative(onboardingTaskDelay, "onboarding-task-delay");
        requireNotNegative(feedbackTaskDelay, "feedback-task-delay");
        if (proposalTaskDelays == null || proposalTaskDelays.size() != PROPOSAL_TASKS) {
            throw new IllegalArgumentException("solarprime.automation.proposal-task-delays must list exactly "
                    + PROPOSAL_TASKS + " delays, one per task text");
        }
        proposalTaskDelays.forEach(delay -> requireNotNegative(delay, "proposal-task-delays"));
        proposalTaskDelays = List.copyOf(proposalTaskDelays);
        salespersonPhones = salespersonPhones == null ? Map.of() : Map.copyOf(salespersonPhones);
        salesGroup = salesGroup == null || salesGroup.isBlank() ? null : salesGroup.strip();
        if (meetingSlots == null) {
            throw new IllegalArgumentException("solarprime.automation.meeting-slots is missing");
        }
    }

    /** Where an alert about a lead of this Kommo user goes: the user's number, else the sales group. */
    public Optional<String> alertDestination(Long userId) {
        String phone = userId == null ? null : salespersonPhones.get(userId);
        return Optional.ofNullable(phone != null && !phone.isBlank() ? phone : salesGroup);
    }

    /**
     * @param times local start times offered on a business day
     * @param length a slot is taken when a meeting starts within [start, start + length)
     */
    public record Slots(List<LocalTime> times, Duration length) {

        public Slots {
            if (times == null || times.isEmpty()) {
                throw new IllegalArgumentException("solarprime.automation.meeting-slots.times must list at least one time");
            }
            times = times.stream().distinct().sorted().toList();
            if (length == null || length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("solarprime.automation.meeting-slots.length must be positive");
            }
        }
    }

    private static void requireNotNegative(Duration value, String key) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("solarprime.automation." + key + " must be a duration of zero or more");
        }
    }
}
