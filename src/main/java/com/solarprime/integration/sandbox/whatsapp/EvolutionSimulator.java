package com.solarprime.integration.sandbox.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.shared.ClientError;
import com.solarprime.integration.whatsapp.WhatsAppProperties;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Plays Evolution API v2 for a lead typing in the simulator: each message becomes a {@code messages.upsert}
 * delivery, shaped as Evolution posts it, sent over HTTP to this service's own Evolution webhook with the webhook
 * secret in {@code X-Webhook-Secret}, as an Evolution webhook configured with that header sends it. From there on
 * everything is the real path: authentication, inbox, worker, lead, Kommo.
 */
@Component
@ConditionalOnSandbox
class EvolutionSimulator {

    static final String WEBHOOK = "/webhooks/whatsapp/evolution";
    /** WhatsApp's own limit on a text message. */
    static final int MAX_TEXT = 4096;
    /** The business number the simulated Evolution instance is connected to (Evolution's {@code sender}). */
    private static final String BUSINESS_JID = "558130000000@s.whatsapp.net";
    private static final String DEFAULT_INSTANCE = "solarprime";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the webhook answered. */
    record Delivery(String messageId, int webhookStatus, JsonNode webhookAnswer) {
    }

    private final OwnService service;
    private final WhatsAppProperties whatsapp;
    private final ObjectMapper json;
    private final Clock clock;

    EvolutionSimulator(OwnService service, WhatsAppProperties whatsapp, ObjectMapper json, Clock clock) {
        this.service = service;
        this.whatsapp = whatsapp;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param phoneE164 the lead's number, already checked
     * @param name the lead's WhatsApp profile name ({@code pushName}); blank sends none, as for a profile without one
     */
    Delivery send(String phoneE164, String name, String text) {
        if (!StringUtils.hasText(text)) {
            throw new ClientError(400, "text is required");
        }
        if (text.length() > MAX_TEXT) {
            throw new ClientError(400, "text is longer than WhatsApp's " + MAX_TEXT + " characters");
        }
        String messageId = messageId();
        String body = payload(phoneE164.substring(1), StringUtils.hasText(name) ? name.strip() : null, text, messageId);
        OwnService.Reply reply = service.postJson(WEBHOOK, body, "X-Webhook-Secret", secret());
        return new Delivery(messageId, reply.status(), answer(reply.body()));
    }

    /** Evolution v2's {@code messages.upsert}: {@code data} is one message, its text in {@code conversation}. */
    String payload(String digits, String pushName, String text, String messageId) {
        Instant now = clock.instant();
        ObjectNode delivery = json.createObjectNode().put("event", "messages.upsert").put("instance", instance());
        ObjectNode data = delivery.putObject("data");
        data.putObject("key").put("remoteJid", digits + "@s.whatsapp.net").putNull("remoteJidAlt")
                .put("fromMe", false).put("id", messageId);
        if (pushName == null) {
            data.putNull("pushName");
        } else {
            data.put("pushName", pushName);
        }
        data.put("status", "DELIVERY_ACK");
        data.putObject("message").put("conversation", text);
        data.put("messageType", "conversation").put("messageTimestamp", now.getEpochSecond())
                .put("instanceId", UUID.nameUUIDFromBytes(instance().getBytes(StandardCharsets.UTF_8)).toString())
                .put("source", "android");
        delivery.put("destination", service.url(WEBHOOK))
                .put("date_time", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS)))
                .put("sender", BUSINESS_JID)
                .put("server_url", service.url(""))
                .putNull("apikey");
        return delivery.toString();
    }

    /** WhatsApp Web message ids: "3EB0" and sixteen upper-case hex digits, unique per message. */
    private static String messageId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "3EB0" + HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private String instance() {
        WhatsAppProperties.Evolution evolution = whatsapp.evolution();
        return evolution != null && StringUtils.hasText(evolution.instance()) ? evolution.instance() : DEFAULT_INSTANCE;
    }

    /** The configured secret, or the one generated for this run ({@link GeneratedEvolutionSecret}). */
    private String secret() {
        WhatsAppProperties.Evolution evolution = whatsapp.evolution();
        String secret = evolution == null ? null : evolution.webhookSecret();
        if (!StringUtils.hasText(secret)) {
            throw new IllegalStateException("no Evolution webhook secret, configured or generated");
        }
        return secret;
    }

    private JsonNode answer(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "null" : body);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(body);
        }
    }
}
