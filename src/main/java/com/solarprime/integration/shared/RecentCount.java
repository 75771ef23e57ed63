package com.solarprime.integration.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How many times something happened in this instance during the last {@code window}, counted in one-second buckets
 * (cheap enough to sit on every call of a hot path; nothing older than the window is kept).
 */
public final class RecentCount {

    /** A bucket holds the epoch second it counts in its high bits and the count in the low ones, changed together. */
    private static final int COUNT_BITS = 20;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final Clock clock;
    private final int seconds;
    private final AtomicLongArray buckets;

    public RecentCount(Duration window, Clock clock) {
        this.clock = clock;
        this.seconds = (int) Math.max(1, window.toSeconds());
        this.buckets = new AtomicLongArray(seconds);
    }

    public void increment() {
        long now = clock.instant().getEpochSecond();
        int bucket = (int) Math.floorMod(now, seconds);
        buckets.getAndUpdate(bucket, packed -> packed >>> COUNT_BITS == now
                ? Math.min(packed + 1, (now << COUNT_BITS) | COUNT_MASK) : (now << COUNT_BITS) | 1);
    }

    /** Events in the window ending now. */
    public long total() {
        long now = clock.instant().getEpochSecond();
        long total = 0;
        for (int i = 0; i < seconds; i++) {
            long packed = buckets.get(i);
            if (now - (packed >>> COUNT_BITS) < seconds) {
                total += packed & COUNT_MASK;
            }
        }
        return total;
    }

    public Duration window() {
        return Duration.ofSeconds(seconds);
    }
}
