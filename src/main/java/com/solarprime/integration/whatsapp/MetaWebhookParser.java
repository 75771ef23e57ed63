package com.solarprime.integration.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.shared.PhoneNumbers.InvalidPhoneNumberException;
import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.whatsapp.InboundMessage.Direction;
import com.solarprime.integration.whatsapp.InboundMessage.MessageType;
import com.solarprime.integration.whatsapp.InboundMessage.Provider;
import com.solarprime.integration.whatsapp.ParsedWebhook.Accepted;
import com.solarprime.integration.whatsapp.ParsedWebhook.Ignored;
import com.solarprime.integration.whatsapp.ParsedWebhook.Invalid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a WhatsApp Cloud API webhook body. One delivery may carry several messages across entries and
 * changes; delivery receipts ({@code statuses[]}) carry none and are ignored. Check the
 * {@code X-Hub-Signature-256} ({@link MetaSignatureVerifier}) on the raw bytes before calling this.
 */
public final class MetaWebhookParser {

    private static final String BUSINESS_ACCOUNT = "whatsapp_business_account";

    private static final Map<String, MessageType> TYPES = Map.ofEntries(
            Map.entry("text", MessageType.TEXT),
            Map.entry("image", MessageType.IMAGE),
            Map.entry("audio", MessageType.AUDIO),
            Map.entry("video", MessageType.VIDEO),
            Map.entry("document", MessageType.DOCUMENT),
            Map.entry("sticker", MessageType.STICKER),
            Map.entry("location", MessageType.LOCATION),
            Map.entry("contacts", MessageType.CONTACT),
            Map.entry("reaction", MessageType.REACTION),
            Map.entry("interactive", MessageType.INTERACTIVE),
            Map.entry("button", MessageType.INTERACTIVE));

    private final ObjectMapper mapper;

    public MetaWebhookParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ParsedWebhook parse(String body) {
        JsonBody json = JsonBody.read(mapper, body);
        if (json.invalid() != null) {
            return json.invalid();
        }
        JsonNode root = json.root();
        if (!BUSINESS_ACCOUNT.equals(root.path("object").asText(null))) {
            return new Invalid("object is not " + BUSINESS_ACCOUNT);
        }
        if (!root.path("entry").isArray()) {
            return new Invalid("missing entry array");
        }
        List<InboundMessage> messages = new ArrayList<>();
        int statuses = 0;
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                statuses += value.path("statuses").size();
                Map<String, String> names = profileNames(value.path("contacts"));
                for (JsonNode message : value.path("messages")) {
                    try {
                        messages.add(message(message, names));
                    } catch (MalformedMessage e) {
                        return new Invalid(e.getMessage());
                    }
                }
            }
        }
        if (!messages.isEmpty()) {
            return new Accepted(messages);
        }
        return new Ignored(statuses > 0 ? "status receipts only" : "no messages");
    }

    private static InboundMessage message(JsonNode message, Map<String, String> names) throws MalformedMessage {
        String id = text(message.path("id"));
        if (id == null) {
            throw new MalformedMessage("message without id");
        }
        String from = text(message.path("from"));
        if (from == null) {
            throw new MalformedMessage("message without from");
        }
        String timestamp = message.path("timestamp").asText("");
        if (!timestamp.matches("\\d+")) {
            throw new MalformedMessage("message without timestamp");
        }
        String phone;
        try {
            phone = PhoneNumbers.fromWhatsAppId(from);
        } catch (InvalidPhoneNumberException e) {
            throw new MalformedMessage("sender is not a phone number: " + e.reason());
        }
        String kind = message.path("type").asText("");
        MessageType type = TYPES.getOrDefault(kind, MessageType.OTHER);
        return new InboundMessage(Provider.META, id, from, null, phone, Direction.IN, names.get(from),
                text(message, type), type, Instant.ofEpochSecond(Long.parseLong(timestamp)));
    }

    /** Text bodies, and the label of the button or list row the lead tapped, which is their answer. */
    private static String text(JsonNode message, MessageType type) {
        if (type == MessageType.TEXT) {
            return text(message.path("text").path("body"));
        }
        if (type == MessageType.INTERACTIVE) {
            JsonNode interactive = message.path("interactive");
            String reply = text(interactive.path("button_reply").path("title"));
            if (reply == null) {
                reply = text(interactive.path("list_reply").path("title"));
            }
            return reply != null ? reply : text(message.path("button").path("text"));
        }
        return null;
    }

    private static Map<String, String> profileNames(JsonNode contacts) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : contacts) {
            String waId = text(contact.path("wa_id"));
            String name = text(contact.path("profile").path("name"));
            if (waId != null && name != null) {
                names.put(waId, name);
            }
        }
        return names;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    /** One bad message makes the whole delivery invalid, so that a delivery is stored whole or not at all. */
    private static final class MalformedMessage extends Exception {

        MalformedMessage(String reason) {
            super(reason, null, false, false);
        }
    }
}
