package com.solarprime.integration.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * WhatsApp provider settings.
 *
 * @param provider {@code log} (records only), {@code evolution} or {@code meta}
 * @param reportGroup group id that receives the weekly report
 * @param evolution Evolution API v2 settings
 * @param meta Meta WhatsApp Cloud API settings
 */
@ConfigurationProperties("solarprime.whatsapp")
public record WhatsAppProperties(String provider, String reportGroup, Evolution evolution, Meta meta) {

    public record Evolution(String baseUrl, String instance, String apiKey, String webhookSecret) {
    }

    public record Meta(String phoneNumberId, String accessToken, String appSecret, String verifyToken,
                       String graphBaseUrl) {
    }
}
