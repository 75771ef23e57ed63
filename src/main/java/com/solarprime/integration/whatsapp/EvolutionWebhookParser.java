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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an Evolution API v2 webhook body. Only {@code messages.upsert} carries a message, and its
 * {@code data} is one object (not the array the original project expected). Every other event
 * arrives on the same URL and is acknowledged without being stored.
 */
public final class EvolutionWebhookParser {

    private static final String MESSAGES_UPSERT = "messages.upsert";
    /** Evolution's event names: {@code messages.upsert}, {@code CONNECTION_UPDATE}, ... */
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z]+([._][A-Za-z]+)*");

    private static final Map<String, MessageType> TYPES = Map.ofEntries(
            Map.entry("conversation", MessageType.TEXT),
            Map.entry("extendedTextMessage", MessageType.TEXT),
            Map.entry("imageMessage", MessageType.IMAGE),
            Map.entry("audioMessage", MessageType.AUDIO),
            Map.entry("pttMessage", MessageType.AUDIO),
            Map.entry("videoMessage", MessageType.VIDEO),
            Map.entry("ptvMessage", MessageType.VIDEO),
            Map.entry("documentMessage", MessageType.DOCUMENT),
            Map.entry("documentWithCaptionMessage", MessageType.DOCUMENT),
            Map.entry("stickerMessage", MessageType.STICKER),
            Map.entry("locationMessage", MessageType.LOCATION),
            Map.entry("liveLocationMessage", MessageType.LOCATION),
            Map.entry("contactMessage", MessageType.CONTACT),
            Map.entry("contactsArrayMessage", MessageType.CONTACT),
            Map.entry("reactionMessage", MessageType.REACTION),
            Map.entry("buttonsResponseMessage", MessageType.INTERACTIVE),
            Map.entry("listResponseMessage", MessageType.INTERACTIVE),
            Map.entry("templateButtonReplyMessage", MessageType.INTERACTIVE),
            Map.entry("interactiveResponseMessage", MessageType.INTERACTIVE));

    private final ObjectMapper mapper;

    public EvolutionWebhookParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ParsedWebhook parse(String body) {
        JsonBody json = JsonBody.read(mapper, body);
        if (json.invalid() != null) {
            return json.invalid();
        }
        JsonNode root = json.root();
        String event = root.path("event").isTextual() ? root.path("event").asText() : null;
        if (event == null || !EVENT_NAME.matcher(event).matches()) {
            return new Invalid("missing or malformed event");
        }
        // Older builds and the instance settings spell events MESSAGES_UPSERT.
        String normalisedEvent = event.toLowerCase(Locale.ROOT).replace('_', '.');
        if (!normalisedEvent.equals(MESSAGES_UPSERT)) {
            return new Ignored("event " + normalisedEvent);
        }
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            return new Invalid("data is not an object");
        }
        return message(data);
    }

    private ParsedWebhook message(JsonNode data) {
        JsonNode key = data.path("key");
        String id = text(key.path("id"));
        if (id == null) {
            return new Invalid("missing data.key.id");
        }
        String remoteJid = text(key.path("remoteJid"));
        if (remoteJid == null) {
            return new Invalid("missing data.key.remoteJid");
        }
        String server = server(remoteJid);
        if (server.equals("g.us")) {
            return new Ignored("group message");
        }
        if (server.equals("broadcast")) {
            return new Ignored("status or broadcast message");
        }
        if (server.equals("newsletter")) {
            return new Ignored("channel message");
        }
        String messageType = text(data.path("messageType"));
        if ("protocolMessage".equals(messageType)) {
            return new Ignored("protocol message (edit, deletion or key exchange)");
        }
        Instant sentAt = timestamp(data.path("messageTimestamp"));
        if (sentAt == null) {
            return new Invalid("missing data.messageTimestamp");
        }

        // The alternate address is the phone JID when remoteJid is a LID, and the LID when it is a phone JID.
        String alternate = firstText(key.path("remoteJidAlt"), key.path("senderPn"), data.path("senderPn"));
        String phoneJid;
        String lidJid;
        if (server.equals("lid")) {
            lidJid = remoteJid;
            phoneJid = alternate == null || server(alternate).equals("lid") ? null : asPhoneJid(alternate);
        } else {
            phoneJid = remoteJid;
            lidJid = alternate != null && server(alternate).equals("lid") ? alternate : null;
        }
        String phone = null;
        if (phoneJid != null) {
            try {
                phone = PhoneNumbers.fromWhatsAppId(phoneJid);
            } catch (InvalidPhoneNumberException e) {
                return new Invalid("sender is not a phone number: " + e.reason());
            }
        }

        Direction direction = key.path("fromMe").asBoolean(false) ? Direction.OUT : Direction.IN;
        JsonNode content = data.path("message");
        String text = firstText(content.path("conversation"), content.path("extendedTextMessage").path("text"));
        MessageType type = messageType == null
                ? (text == null ? MessageType.OTHER : MessageType.TEXT)
                : TYPES.getOrDefault(messageType, MessageType.OTHER);
        return new Accepted(List.of(new InboundMessage(
                Provider.EVOLUTION, id, phoneJid, lidJid, phone, direction,
                direction == Direction.IN ? text(data.path("pushName")) : null,
                type == MessageType.TEXT ? text : null,
                type, sentAt)));
    }

    /** Seconds as a number, a numeric string, or the protobuf Long object some builds serialise. */
    private static Instant timestamp(JsonNode node) {
        if (node.isIntegralNumber()) {
            return Instant.ofEpochSecond(node.asLong());
        }
        if (node.isTextual() && node.asText().matches("\\d+")) {
            return Instant.ofEpochSecond(Long.parseLong(node.asText()));
        }
        if (node.isObject() && node.path("low").isIntegralNumber()) {
            long seconds = (node.path("high").asLong(0) << 32) | (node.path("low").asLong() & 0xFFFFFFFFL);
            return Instant.ofEpochSecond(seconds);
        }
        return null;
    }

    private static String server(String jid) {
        int at = jid.indexOf('@');
        return at < 0 ? "" : jid.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** {@code senderPn} is sometimes bare digits. */
    private static String asPhoneJid(String address) {
        return address.indexOf('@') >= 0 ? address : address + "@s.whatsapp.net";
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            String value = text(node);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
