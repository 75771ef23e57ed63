package com.solarprime.integration.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Service-wide settings.
 *
 * @param publicBaseUrl how Kommo and WhatsApp reach this service (used when registering webhooks)
 * @param errors redelivery policy of the shared route error handler
 */
@ConfigurationProperties("solarprime")
public record ServiceProperties(String publicBaseUrl, Errors errors) {

    /**
     * @param maximumRedeliveries attempts after the first failure before an exchange is dead-lettered
     * @param redeliveryDelay first wait between attempts, milliseconds
     * @param backoffMultiplier growth of the wait per attempt
     */
    public record Errors(int maximumRedeliveries, long redeliveryDelay, double backoffMultiplier) {
    }
}
