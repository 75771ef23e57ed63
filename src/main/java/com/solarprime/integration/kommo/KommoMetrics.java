package com.solarprime.integration.kommo;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** What the gateway exposes on {@code /actuator/prometheus}. */
@Component
public class KommoMetrics {

    private final MeterRegistry registry;
    private final Timer throttleWait;

    public KommoMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.throttleWait = Timer.builder("kommo.api.throttle.wait")
                .description("Time calls waited for their slot in the shared Kommo budget")
                .register(registry);
    }

    public void call(String method, String pathTemplate, int status) {
        Counter.builder("kommo.api.calls")
                .description("Kommo API calls by path template and HTTP status")
                .tag("method", method).tag("path", pathTemplate).tag("status", String.valueOf(status))
                .register(registry).increment();
    }

    public void retry(String reason) {
        Counter.builder("kommo.api.retries").tag("reason", reason).register(registry).increment();
    }

    public void throttleWait(long micros) {
        throttleWait.record(Duration.ofNanos(micros * 1000));
    }

    void watchBlocked(KommoGatewayState state) {
        Gauge.builder("kommo.api.blocked", state, s -> s.block().isPresent() ? 1 : 0)
                .description("1 while Kommo answers every call with an HTML 403 (account blocked)")
                .register(registry);
    }

    void watch(CircuitBreaker breaker) {
        Gauge.builder("kommo.api.circuit.state", breaker, b -> b.getState().getOrder())
                .description("Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 disabled, 4 forced open, 5 metrics only")
                .register(registry);
    }
}
