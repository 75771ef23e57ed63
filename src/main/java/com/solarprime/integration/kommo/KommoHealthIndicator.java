package com.solarprime.integration.kommo;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Kommo as {@code /actuator/health} sees it: DOWN while the account is blocked, while no authorization
 * exists, or while the account map is incomplete (lead sync refuses to run then).
 */
@Component("kommo")
public class KommoHealthIndicator extends AbstractHealthIndicator {

    private final KommoGatewayState state;
    private final KommoTokenStore tokens;
    private final AccountMap map;
    private final CircuitBreaker breaker;

    public KommoHealthIndicator(KommoGatewayState state, KommoTokenStore tokens, AccountMap map,
                                CircuitBreaker kommoCircuitBreaker) {
        this.state = state;
        this.tokens = tokens;
        this.map = map;
        this.breaker = kommoCircuitBreaker;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.up().withDetail("circuit", breaker.getState().name());
        state.block().ifPresent(block -> health.down()
                .withDetail("blocked", "Kommo answers every call with an HTML 403 since " + block.since()
                        + " (" + block.reason() + "); reset with POST /ops/kommo/unblock"));
        if (!tokens.isLongLived() && tokens.stored().isEmpty()) {
            health.down().withDetail("authorization", "not connected: an operator must open /auth/kommo");
        }
        List<String> missing = map.missing();
        if (!missing.isEmpty()) {
            health.down().withDetail("accountMap", "incomplete, lead sync paused until provisioning resolves: "
                    + String.join(", ", missing));
        }
    }
}
