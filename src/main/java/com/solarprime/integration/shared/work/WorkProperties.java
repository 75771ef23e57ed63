package com.solarprime.integration.shared.work;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How rows of the work tables (inbox, Kommo outbox, follow-ups, stage changes, alerts) are claimed and retried.
 *
 * @param heartbeatInterval how often each instance checks in
 * @param instanceTimeout an instance silent for this long is gone: its claimed rows are released to the others
 * @param queues settings per work table, by queue name
 */
@ConfigurationProperties("solarprime.work")
public record WorkProperties(Duration heartbeatInterval, Duration instanceTimeout, Map<String, Queue> queues) {

    public WorkProperties {
        if (heartbeatInterval == null || instanceTimeout == null || instanceTimeout.compareTo(heartbeatInterval.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("solarprime.work.instance-timeout must exceed two heartbeat-intervals");
        }
        queues = queues == null ? Map.of() : Map.copyOf(queues);
    }

    public Queue queue(String name) {
        Queue queue = queues.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("no settings for work queue '" + name + "' under solarprime.work.queues");
        }
        return queue;
    }

    /**
     * @param batchSize rows one claim takes
     * @param maxAttempts attempts before a row that keeps failing is marked failed
     * @param retryBackoff wait after the first failure; it doubles with each further one
     * @param maxBackoff the longest wait between two attempts
     */
    public record Queue(int batchSize, int maxAttempts, Duration retryBackoff, Duration maxBackoff) {

        public Queue {
            if (batchSize < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("solarprime.work.queues: batch-size and max-attempts must be at least 1");
            }
            if (retryBackoff == null || maxBackoff == null || retryBackoff.isNegative() || maxBackoff.compareTo(retryBackoff) < 0) {
                throw new IllegalArgumentException("solarprime.work.queues: retry-backoff must be at most max-backoff");
            }
        }

        /** The wait after the given failed attempt (1 for the first): doubling, capped. */
        public Duration backoff(int attempt) {
            long seconds = retryBackoff.toSeconds() * (1L << Math.min(Math.max(attempt - 1, 0), 20));
            return seconds >= maxBackoff.toSeconds() ? maxBackoff : Duration.ofSeconds(seconds);
        }
    }
}
