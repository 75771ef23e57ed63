package com.solarprime.integration.sandbox.gate;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxProperties;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Injected failures for tests and benchmarks: the next N API calls fail, every call is slowed down. */
@Component
@ConditionalOnSandbox
public class Faults {

    private final long configuredLatencyMs;
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failStatus = 500;
    private volatile long latencyMs;

    public Faults(SandboxProperties props) {
        this.configuredLatencyMs = props.latency().toMillis();
        this.latencyMs = configuredLatencyMs;
    }

    public void failNext(int count, int status) {
        this.failStatus = status;
        failNext.set(count);
    }

    /** True when this call is one of the N to fail. */
    boolean consumeFailure() {
        return failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    int failStatus() {
        return failStatus;
    }

    public int pendingFailures() {
        return failNext.get();
    }

    public void latency(long ms) {
        this.latencyMs = Math.max(0, ms);
    }

    public long latencyMs() {
        return latencyMs;
    }

    void delay() throws InterruptedException {
        long ms = latencyMs;
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** Back to the configured state: no pending failures, configured latency. */
    public void clear() {
        failNext.set(0);
        failStatus = 500;
        latencyMs = configuredLatencyMs;
    }
}
