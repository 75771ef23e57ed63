package com.solarprime.integration.sandbox.gate;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxProperties;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.stereotype.Component;

/**
 * Kommo blocks an account that keeps exceeding the rate limit: after {@code block-after-429s} refusals
 * within {@code block-window}, every request answers an HTML 403 until support (here: the admin
 * endpoint) lifts it.
 */
@Component
@ConditionalOnSandbox
public class AccountBlock {

    private final int threshold;
    private final long windowNanos;
    private final Deque<Long> refusals = new ArrayDeque<>();
    private volatile boolean blocked;

    public AccountBlock(SandboxProperties props) {
        this.threshold = props.blockAfter429s();
        this.windowNanos = props.blockWindow().toNanos();
    }

    public synchronized void recordRefusal() {
        long now = System.nanoTime();
        refusals.addLast(now);
        while (!refusals.isEmpty() && now - refusals.peekFirst() > windowNanos) {
            refusals.pollFirst();
        }
        if (refusals.size() >= threshold) {
            blocked = true;
        }
    }

    public boolean isBlocked() {
        return blocked;
    }

    public synchronized void block() {
        blocked = true;
    }

    public synchronized void unblock() {
        blocked = false;
        refusals.clear();
    }

    public synchronized int recentRefusals() {
        return refusals.size();
    }

}
