package com.solarprime.integration.kommo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How local changes reach Kommo through the outbox.
 *
 * @param pollInterval milliseconds between looks at the outbox
 * @param batchSize entities per Kommo call (Kommo: at most 50 per complex creation, 50 recommended otherwise)
 * @param claimTimeout a claimed write not finished within this is taken over (the instance died)
 * @param retryBackoff first wait after a failed write; doubles per attempt
 * @param maxBackoff longest wait between attempts; writes are retried until Kommo confirms them
 * @param reapplyTagsAfterCreate set multiple tags again after complex creation (a reported Kommo bug kept only the first)
 */
@ConfigurationProperties("solarprime.kommo.sync")
public record KommoSyncProperties(Duration pollInterval, int batchSize, Duration claimTimeout, Duration retryBackoff,
                                  Duration maxBackoff, boolean reapplyTagsAfterCreate) {

    public KommoSyncProperties {
        if (batchSize < 1 || batchSize > 50) {
            throw new IllegalArgumentException("solarprime.kommo.sync.batch-size must be 1..50, was " + batchSize);
        }
    }
}
