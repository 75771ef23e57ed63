package com.solarprime.integration.kommo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the {@code kommo-api} route behaves towards Kommo.
 *
 * @param requestsPerSecond budget shared by all instances; Kommo answers 429 above 7
 * @param connectTimeout HTTP connect timeout
 * @param responseTimeout HTTP response timeout
 * @param maxRetryAfter longest wait honoured from a 429's {@code retry_after}
 * @param maxRateLimitRetries 429 answers tolerated for one call before it fails
 * @param blockCooldown after an HTML 403 (account blocked), how long before one probe call is tried
 * @param tokenRefreshMargin refresh an OAuth access token this long before it expires
 * @param tokenMaxAge refresh at least this often, so the 3-month refresh token never lapses on an idle account
 * @param tokenCheckInterval how often the scheduled refresh check runs
 * @param circuitBreaker thresholds of the Resilience4j circuit breaker around the HTTP call
 */
@ConfigurationProperties("solarprime.kommo.gateway")
public record KommoGatewayProperties(double requestsPerSecond, Duration connectTimeout, Duration responseTimeout,
                                     Duration maxRetryAfter, int maxRateLimitRetries, Duration blockCooldown,
                                     Duration tokenRefreshMargin, Duration tokenMaxAge, Duration tokenCheckInterval,
                                     CircuitBreaker circuitBreaker) {

    /** Kommo's documented limit per integration. */
    public static final double KOMMO_LIMIT = 7.0;

    public KommoGatewayProperties {
        if (requestsPerSecond <= 0 || requestsPerSecond > KOMMO_LIMIT) {
            throw new IllegalArgumentException("solarprime.kommo.gateway.requests-per-second must be in (0, 7], was "
                    + requestsPerSecond);
        }
    }

    /**
     * @param failureRateThreshold percentage of failed calls that opens the circuit
     * @param minimumNumberOfCalls calls recorded before the rate is judged
     * @param slidingWindowSize calls the rate is computed over
     * @param waitInOpenState how long the circuit stays open before letting trial calls through
     * @param permittedCallsInHalfOpen trial calls in half-open state
     */
    public record CircuitBreaker(float failureRateThreshold, int minimumNumberOfCalls, int slidingWindowSize,
                                 Duration waitInOpenState, int permittedCallsInHalfOpen) {
    }
}
