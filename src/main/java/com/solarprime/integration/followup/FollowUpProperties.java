package com.solarprime.integration.followup;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The "no reply" cadence (seed 7) and the dispatcher. When the automation's follow-ups fall due is said by the
 * pipeline-automation route; claims and retries are the {@code follow-ups} work queue's.
 *
 * @param immediateDelay IMMEDIATE: after our last message without a reply
 * @param dailyDelay DAILY: after our last message without a reply, and between two DAILY nudges
 * @param maxUnanswered follow-ups sent without any reply before the lead is moved to Fechado/Perdido
 * @param pollInterval time between dispatcher runs; a plain number is milliseconds, as Quartz triggers take it
 * @param providerRatePerSecond messages per second across all instances (Meta's default limit is 80 per number)
 * @param sendConcurrency follow-ups one dispatcher sends at the same time (the rate budget sets the pace)
 * @param metaTemplates approved Meta templates sent instead of free text outside the 24-hour window
 */
@ConfigurationProperties("solarprime.follow-up")
public record FollowUpProperties(Duration immediateDelay, Duration dailyDelay, int maxUnanswered, Duration pollInterval,
                                 double providerRatePerSecond, int sendConcurrency,
                                 Map<FollowUpType, MetaTemplate> metaTemplates) {

    public FollowUpProperties {
        requirePositive(immediateDelay, "immediate-delay");
        requirePositive(dailyDelay, "daily-delay");
        requirePositive(pollInterval, "poll-interval");
        if (maxUnanswered < 1 || sendConcurrency < 1) {
            throw new IllegalArgumentException("solarprime.follow-up.max-unanswered and send-concurrency must be at least 1");
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
