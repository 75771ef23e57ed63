package com.solarprime.integration.whatsapp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * WhatsApp provider settings.
 *
 * @param provider {@code log} (records only), {@code evolution} or {@code meta}
 * @param reportGroup group id that receives the weekly report
 * @param evolution Evolution API v2 settings
 * @param meta Meta WhatsApp Cloud API settings
 * @param connectTimeout HTTP connect timeout towards the provider (default 5 s)
 * @param responseTimeout HTTP response timeout of one send (default 15 s)
 */
@ConfigurationProperties("solarprime.whatsapp")
public record WhatsAppProperties(String provider, String reportGroup, Evolution evolution, Meta meta,
                                 Duration connectTimeout, Duration responseTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(15);

    public WhatsAppProperties {
        connectTimeout = positiveOr(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connect-timeout");
        responseTimeout = positiveOr(responseTimeout, DEFAULT_RESPONSE_TIMEOUT, "response-timeout");
    }

    /**
     * @param sendDelay Evolution's {@code delay}: how long it shows "typing..." before sending (default 1200 ms)
     */
    public record Evolution(String baseUrl, String instance, String apiKey, String webhookSecret,
                            Duration sendDelay) {

        public static final Duration DEFAULT_SEND_DELAY = Duration.ofMillis(1200);

        public Evolution {
            sendDelay = sendDelay == null ? DEFAULT_SEND_DELAY : sendDelay;
            if (sendDelay.isNegative()) {
                throw new IllegalArgumentException("solarprime.whatsapp.evolution.send-delay must not be negative");
            }
        }
    }

    public record Meta(String phoneNumberId, String accessToken, String appSecret, String verifyToken,
                       String graphBaseUrl) {
    }

    private static Duration positiveOr(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("solarprime.whatsapp." + name + " must be positive, was " + value);
        }
        return value;
    }
}
