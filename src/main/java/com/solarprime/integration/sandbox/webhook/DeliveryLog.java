package com.solarprime.integration.sandbox.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** What happened to webhook deliveries: counters for tests and the last attempts for the admin endpoint. */
@Component
@ConditionalOnSandbox
public class DeliveryLog {

    private static final int RECENT = 100;

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Deque<ObjectNode> recent = new ArrayDeque<>();

    void attempt(String destination, int attempt, String outcome, boolean success) {
        if (success) {
            delivered.incrementAndGet();
        } else {
            failedAttempts.incrementAndGet();
        }
        remember(destination, attempt, outcome);
    }

    void abandoned(String destination, int attempts) {
        abandoned.incrementAndGet();
        remember(destination, attempts, "abandoned after " + attempts + " attempts");
    }

    void dropped(String destination) {
        dropped.incrementAndGet();
        remember(destination, 0, "dropped");
    }

    public ObjectNode counters() {
        return SandboxJson.object()
                .put("delivered", delivered.get())
                .put("failed_attempts", failedAttempts.get())
                .put("abandoned", abandoned.get())
                .put("dropped", dropped.get());
    }

    public synchronized ArrayNode recent() {
        ArrayNode out = SandboxJson.array();
        recent.forEach(out::add);
        return out;
    }

    public synchronized void reset() {
        delivered.set(0);
        failedAttempts.set(0);
        abandoned.set(0);
        dropped.set(0);
        recent.clear();
    }

    private synchronized void remember(String destination, int attempt, String outcome) {
        recent.addFirst(SandboxJson.object().put("at", Instant.now().toString()).put("destination", destination)
                .put("attempt", attempt).put("outcome", outcome));
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
    }
}
