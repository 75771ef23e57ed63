package com.solarprime.integration.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The webhook inbox: how deliveries are written. How they are claimed and retried is the {@code inbox} work
 * queue's business ({@code solarprime.work.queues.inbox}).
 *
 * @param writerThreads threads committing deliveries; each commit carries every delivery waiting at that moment
 * @param writeBatchSize most deliveries in one commit
 * @param writeQueueCapacity deliveries waiting for a commit before callers are refused
 * @param writeTimeout longest a webhook caller waits for its commit
 * @param pollInterval how often pending deliveries are looked for (a poll that found some looks again at once)
 */
@ConfigurationProperties("solarprime.inbox")
public record InboxProperties(int writerThreads, int writeBatchSize, int writeQueueCapacity, Duration writeTimeout,
                             Duration pollInterval) {
}
