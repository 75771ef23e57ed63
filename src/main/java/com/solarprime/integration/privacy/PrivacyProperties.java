package com.solarprime.integration.privacy;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of what the service keeps of people. {@code retentionCron} and {@code zone} are read by
 * {@code routes/data-retention.camel.yaml}, {@code batchSize} by it too.
 *
 * @param retentionCron when the retention purge runs (Quartz cron, in {@code zone})
 * @param zone the zone of the cron
 * @param webhookPayloads how long after it was processed a webhook's raw body is kept
 * @param messageTexts how long after it was sent a message's text is kept
 * @param batchSize rows purged per transaction
 * @param suppressionKey the key of the erased numbers' hashes; blank → one generated and kept in the database
 */
@ConfigurationProperties("solarprime.privacy")
public record PrivacyProperties(String retentionCron, ZoneId zone, Duration webhookPayloads, Duration messageTexts,
                                int batchSize, String suppressionKey) {

    public PrivacyProperties {
        if (retentionCron == null || retentionCron.isBlank()) {
            throw new IllegalArgumentException("solarprime.privacy.retention-cron is missing");
        }
        if (zone == null) {
            throw new IllegalArgumentException("solarprime.privacy.zone is missing");
        }
        if (webhookPayloads == null || webhookPayloads.isNegative() || webhookPayloads.isZero()) {
            throw new IllegalArgumentException("solarprime.privacy.webhook-payloads must be positive");
        }
        if (messageTexts == null || messageTexts.isNegative() || messageTexts.isZero()) {
            throw new IllegalArgumentException("solarprime.privacy.message-texts must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("solarprime.privacy.batch-size must be at least 1");
        }
        suppressionKey = suppressionKey == null ? "" : suppressionKey.strip();
    }
}
