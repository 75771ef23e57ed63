package com.solarprime.integration.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The webhook inbox: how deliveries are written and processed.
 *
 * @param writerThreads threads committing deliveries; each commit carries every delivery waiting at that moment
 * @param writeBatchSize most deliveries in one commit
 * @param writeQueueCapacity deliveries waiting for a commit before callers are refused
 * @param writeTimeout longest a webhook caller waits for its commit
 * @param pollInterval how often pending deliveries are looked for
 * @param claimBatchSize deliveries one poll claims
 * @param claimTimeout a claimed delivery not finished within this is taken over by another poll (instance died)
 * @param maxAttempts processing attempts before a delivery is marked failed (and dead-lettered)
 * @param retryBackoff first wait before a failed delivery is tried again; doubles per attempt
 */
@ConfigurationProperties("solarprime.inbox")
public record InboxProperties(int writerThreads, int writeBatchSize, int writeQueueCapacity, Duration writeTimeout,
                             Duration pollInterval, int claimBatchSize, Duration claimTimeout, int maxAttempts,
                             Duration retryBackoff) {
}
