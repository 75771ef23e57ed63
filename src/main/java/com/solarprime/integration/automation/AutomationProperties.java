package com.solarprime.integration.automation;

import com.solarprime.integration.followup.FollowUpProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the pipeline automation (seed 6). What each stage does, and when its tasks and follow-ups fall due,
 * is the {@code pipeline-automation} route's; these are the values it and its helpers share.
 *
 * @param hotScore from this score a qualified lead is hot: urgent task and an alert to the salesperson
 * @param warmScore from this score (below {@code hotScore}) a qualified lead is warm: a DAILY follow-up;
 *                  below it, or without a score, it is cold: a REENGAGEMENT follow-up
 * @param pollInterval how often recorded stage changes and queued alerts are looked for
 * @param salespersonPhones WhatsApp number per Kommo user id, for alerts to the lead's responsible user
 * @param salesGroup WhatsApp group that gets an alert when the responsible user has no number here
 * @param metaAlertTemplate with the Meta provider, the approved template alerts go out as (its body {{1}} is the
 *                          alert); Meta refuses free text to a number outside its 24-hour window, and any message
 *                          to a group
 */
@ConfigurationProperties("solarprime.automation")
public record AutomationProperties(int hotScore, int warmScore, Duration pollInterval,
                                   Map<Long, String> salespersonPhones, String salesGroup,
                                   FollowUpProperties.MetaTemplate metaAlertTemplate) {

    public AutomationProperties {
        if (warmScore > hotScore) {
            throw new IllegalArgumentException("solarprime.automation.warm-score (" + warmScore
                    + ") must not exceed hot-score (" + hotScore + ")");
        }
        requireNotNegative(pollInterval, "poll-interval");
        salespersonPhones = salespersonPhones == null ? Map.of() : Map.copyOf(salespersonPhones);
        salesGroup = salesGroup == null || salesGroup.isBlank() ? null : salesGroup.strip();
    }

    /** Where an alert about a lead of this Kommo user goes: the user's number, else the sales group. */
    public Optional<String> alertDestination(Long userId) {
        String phone = userId == null ? null : salespersonPhones.get(userId);
        return Optional.ofNullable(phone != null && !phone.isBlank() ? phone : salesGroup);
    }

    private static void requireNotNegative(Duration value, String key) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("solarprime.automation." + key + " must be a duration of zero or more");
        }
    }
}
