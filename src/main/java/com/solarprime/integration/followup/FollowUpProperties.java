package com.solarprime.integration.followup;

import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The follow-up cadence (seed 7) and its dispatcher.
 *
 * @param immediateDelay IMMEDIATE: after our last message without a reply
 * @param dailyDelay DAILY: after our last message without a reply; also a warm lead's follow-up once qualified
 * @param reengagementDelay REENGAGEMENT: a cold lead's follow-up once qualified
 * @param proposalDelays PROPOSAL: one follow-up per delay after the lead reached Proposta Enviada
 * @param meetingConfirmationTime MEETING_CONFIRMATION: local time on the meeting day
 * @param meetingReminderBefore MEETING_REMINDER: this long before the meeting
 * @param maxUnanswered follow-ups sent without any reply before the lead is moved to Fechado/Perdido
 * @param batchSize due follow-ups one dispatcher run claims
 * @param pollInterval time between dispatcher runs; a plain number is milliseconds, as Quartz triggers take it
 * @param claimTimeout a claimed follow-up not finished within this is released (its instance died)
 * @param maxAttempts sending attempts on retryable errors before the follow-up is marked failed
 * @param retryBackoff first wait after a retryable error; doubles per attempt
 * @param providerRatePerSecond messages per second across all instances (Meta's default limit is 80 per number)
 * @param sendConcurrency follow-ups one dispatcher sends at the same time (the rate budget sets the pace)
 * @param metaTemplates approved Meta templates sent instead of free text outside the 24-hour window
 */
@ConfigurationProperties("solarprime.follow-up")
public record FollowUpProperties(Duration immediateDelay, Duration dailyDelay, Duration reengagementDelay,
                                 List<Duration> proposalDelays, LocalTime meetingConfirmationTime,
                                 Duration meetingReminderBefore, int maxUnanswered, int batchSize,
                                 Duration pollInterval, Duration claimTimeout, int maxAttempts, Duration retryBackoff,
                                 double providerRatePerSecond, int sendConcurrency,
                                 Map<FollowUpType, MetaTemplate> metaTemplates) {

    public FollowUpProperties {
        requirePositive(immediateDelay, "immediate-delay");
        requirePositive(dailyDelay, "daily-delay");
        requirePositive(reengagementDelay, "reengagement-delay");
        if (proposalDelays == null || proposalDelays.isEmpty()) {
            throw new IllegalArgumentException("solarprime.follow-up.proposal-delays must list at least one delay");
        }
        proposalDelays.forEach(delay -> requirePositive(delay, "proposal-delays"));
        proposalDelays = List.copyOf(proposalDelays);
        Objects.requireNonNull(meetingConfirmationTime, "solarprime.follow-up.meeting-confirmation-time");
        requirePositive(meetingReminderBefore, "meeting-reminder-before");
        requirePositive(pollInterval, "poll-interval");
        requirePositive(claimTimeout, "claim-timeout");
        requirePositive(retryBackoff, "retry-backoff");
        if (maxUnanswered < 1 || batchSize < 1 || maxAttempts < 1 || sendConcurrency < 1) {
            throw new IllegalArgumentException(
                    "solarprime.follow-up.max-unanswered, batch-size, max-attempts and send-concurrency must be at least 1");
        }
        if (providerRatePerSecond <= 0) {
            throw new IllegalArgumentException("solarprime.follow-up.provider-rate-per-second must be positive");
        }
        metaTemplates = metaTemplates == null || metaTemplates.isEmpty()
                ? Map.of() : Map.copyOf(new EnumMap<>(metaTemplates));
    }

    /** The approved template for a type; none means the type cannot be sent outside the 24-hour window. */
    public Optional<MetaTemplate> metaTemplate(FollowUpType type) {
        return Optional.ofNullable(metaTemplates.get(type));
    }

    /**
     * @param name template name as approved in WhatsApp Manager; its body parameter {{1}} is the lead's first name
     * @param language template language code, e.g. {@code pt_BR}
     */
    public record MetaTemplate(String name, String language) {

        public MetaTemplate {
            if (name == null || name.isBlank() || language == null || language.isBlank()) {
                throw new IllegalArgumentException("solarprime.follow-up.meta-templates entries need a name and a language");
            }
        }
    }

    private static void requirePositive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("solarprime.follow-up." + key + " must be a positive duration");
        }
    }
}
