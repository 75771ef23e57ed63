package com.solarprime.integration.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.shared.PhoneNumbers;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Sends through a self-hosted Evolution API v2 instance:
 * {@code POST {EVOLUTION_BASE_URL}/message/sendText/{instance}} with header {@code apikey} and body
 * {@code {"number", "text", "delay"}}; an image goes to {@code /message/sendMedia/{instance}} with
 * {@code {"number", "mediatype":"image", "mimetype", "caption", "media"} (base64), "fileName", "delay"}}. The
 * provider's id is {@code key.id} of the answer.
 *
 * <p>Evolution has no templates: a message carrying one is sent as its text. {@code number} is the digits
 * of the recipient, or a JID (such as a group id {@code 120363...@g.us}) passed through unchanged.
 *
 * <p>Errors: timeouts, refused connections, 5xx and 429 are retryable; a 400 saying {@code exists:false}
 * (the number is not on WhatsApp), 404 and every other 4xx are permanent. The exception's code is the
 * HTTP status, or {@code timeout} / {@code connection} / {@code io} when no answer came.
 */
@Component("whatsappGateway")
@ConditionalOnProperty(name = "solarprime.whatsapp.provider", havingValue = "evolution")
public class EvolutionWhatsAppGateway implements WhatsAppGateway {

    private static final Logger log = LoggerFactory.getLogger(EvolutionWhatsAppGateway.class);

    private final URI sendText;
    private final URI sendMedia;
    private final String apiKey;
    private final long delayMillis;
    private final ProviderHttp http;

    public EvolutionWhatsAppGateway(WhatsAppProperties properties) {
        WhatsAppProperties.Evolution evolution = properties.evolution() == null
                ? new WhatsAppProperties.Evolution(null, null, null, null, null)
                : properties.evolution();
        Map<String, String> required = new LinkedHashMap<>();
        required.put("EVOLUTION_BASE_URL", evolution.baseUrl());
        required.put("EVOLUTION_INSTANCE", evolution.instance());
        required.put("EVOLUTION_API_KEY", evolution.apiKey());
        ProviderHttp.requireSettings(provider(), required);
        String base = ProviderHttp.baseUrl(evolution.baseUrl(), "EVOLUTION_BASE_URL");
        String instance = ProviderHttp.segment(evolution.instance());
        this.sendText = URI.create(base + "/message/sendText/" + instance);
        this.sendMedia = URI.create(base + "/message/sendMedia/" + instance);
        this.apiKey = evolution.apiKey().strip();
        this.delayMillis = evolution.sendDelay().toMillis();
        // Self-hosted, often plain http behind a proxy: HTTP/1.1 with keep-alive, no h2c upgrade attempts.
        this.http = new ProviderHttp("Evolution", properties, HttpClient.Version.HTTP_1_1, apiKey);
    }

    @Override
    public String send(OutboundMessage message) {
        String to = message.to();
        try {
            ProviderHttp.Answer answer = message.image() == null
                    ? http.post(sendText, Map.of("apikey", apiKey), text(to, message), to)
                    : http.post(sendMedia, Map.of("apikey", apiKey), media(to, message), to);
            if (!answer.successful()) {
                throw refusal(answer, to);
            }
            String id = answer.json().path("key").path("id").asText("");
            if (id.isBlank()) {
                throw new WhatsAppSendException("Evolution accepted the message to " + PhoneNumbers.mask(to)
                        + " (HTTP " + answer.status() + ") without a key.id; it may have been sent, so it is not "
                        + "retried", false, "no-message-id");
            }
            log.info("WhatsApp sent via evolution to {}{}, id {}", PhoneNumbers.mask(to), kind(message), id);
            return id;
        } catch (WhatsAppSendException e) {
            log.warn("WhatsApp send via evolution to {} failed ({}, code {}): {}", PhoneNumbers.mask(to),
                    e.retryable() ? "retryable" : "permanent", e.code(), e.getMessage());
            throw e;
        }
    }

    @Override
    public String provider() {
        return "evolution";
    }

    private ObjectNode text(String to, OutboundMessage message) {
        return ProviderHttp.JSON.createObjectNode()
                .put("number", number(to))
                .put("text", message.text())
                .put("delay", delayMillis);
    }

    private ObjectNode media(String to, OutboundMessage message) {
        OutboundMessage.Image image = message.image();
        return ProviderHttp.JSON.createObjectNode()
                .put("number", number(to))
                .put("mediatype", "image")
                .put("mimetype", image.mimeType())
                .put("caption", message.text())
                .put("media", Base64.getEncoder().encodeToString(image.bytes()))
                .put("fileName", image.fileName())
                .put("delay", delayMillis);
    }

    private static String kind(OutboundMessage message) {
        if (message.image() != null) {
            return " (image, " + message.image().bytes().length + " bytes)";
        }
        return message.template() == null ? "" : " (template " + message.template().name() + " sent as text)";
    }

    /** A JID (group or person) as it is; otherwise the digits of the number. */
    private static String number(String to) {
        String trimmed = to.strip();
        if (trimmed.indexOf('@') >= 0) {
            return trimmed;
        }
        String digits = trimmed.replaceAll("\\D", "");
        if (digits.isEmpty()) {
            throw new WhatsAppSendException("No number to send to (" + PhoneNumbers.mask(to) + ")", false,
                    "invalid-number");
        }
        return digits;
    }

    private WhatsAppSendException refusal(ProviderHttp.Answer answer, String to) {
        int status = answer.status();
        String code = String.valueOf(status);
        String masked = PhoneNumbers.mask(to);
        if (status == 400 && saysNotOnWhatsApp(answer.json())) {
            return new WhatsAppSendException("Evolution: " + masked + " is not on WhatsApp (exists:false)", false, code);
        }
        String quoted = http.scrub(answer.body(), to);
        String reason = switch (status) {
            case 401, 403 -> " (check EVOLUTION_API_KEY)";
            case 404 -> " (unknown number or instance)";
            case 429 -> " (rate limited)";
            default -> "";
        };
        return new WhatsAppSendException("Evolution answered HTTP " + status + reason + " sending to " + masked
                + (quoted.isEmpty() ? "" : ": " + quoted), ProviderHttp.isRateLimitOrServerError(status), code);
    }

    /** Evolution's 400 for a number without WhatsApp: {@code {"response":{"message":[{"exists":false,...}]}}}. */
    private static boolean saysNotOnWhatsApp(JsonNode json) {
        return json.findParents("exists").stream()
                .anyMatch(parent -> parent.get("exists").isBoolean() && !parent.get("exists").booleanValue());
    }
}
