package com.solarprime.integration.sandbox.gate;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxProperties;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Kommo's 7 requests per second per integration, as a sliding one-second window per token: the
 * eighth request within any second is refused. Only admitted requests count, so a client that keeps
 * hammering still gets its 7 per second through. In memory: Kommo is one server to its clients.
 */
@Component
@ConditionalOnSandbox
public class RateLimiter {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_TRACKED_TOKENS = 1000;

    private final int limit;
    private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();

    public RateLimiter(SandboxProperties props) {
        this.limit = props.rateLimitPerSecond();
    }

    /** 0 when admitted; otherwise the whole seconds to wait ({@code retry_after}, at least 1). */
    public long tryAcquire(String key) {
        long now = System.nanoTime();
        if (windows.size() > MAX_TRACKED_TOKENS) {
            windows.entrySet().removeIf(e -> idle(e.getValue(), now));
        }
        Deque<Long> window = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && now - window.peekFirst() >= WINDOW_NANOS) {
                window.pollFirst();
            }
            if (window.size() >= limit) {
                long waitNanos = WINDOW_NANOS - (now - window.peekFirst());
                return Math.max(1, (waitNanos + WINDOW_NANOS - 1) / WINDOW_NANOS);
            }
            window.addLast(now);
            return 0;
        }
    }

    public void clear() {
        windows.clear();
    }

    private static boolean idle(Deque<Long> window, long now) {
        synchronized (window) {
            return window.isEmpty() || now - window.peekLast() >= WINDOW_NANOS;
        }
    }
}
