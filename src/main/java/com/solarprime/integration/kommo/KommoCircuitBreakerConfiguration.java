package com.solarprime.integration.kommo;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The breaker the {@code kommo-api} route wraps its HTTP call in. Only failures that say Kommo is unwell
 * count: 5xx, timeouts and connection errors are thrown inside the breaker; 4xx answers are judged after it.
 */
@Configuration(proxyBeanMethods = false)
class KommoCircuitBreakerConfiguration {

    @Bean
    CircuitBreaker kommoCircuitBreaker(KommoGatewayProperties gateway, KommoMetrics metrics) {
        KommoGatewayProperties.CircuitBreaker cb = gateway.circuitBreaker();
        CircuitBreaker breaker = CircuitBreaker.of("kommo", CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .slidingWindowSize(cb.slidingWindowSize())
                .waitDurationInOpenState(cb.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpen())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
        metrics.watch(breaker);
        return breaker;
    }
}
