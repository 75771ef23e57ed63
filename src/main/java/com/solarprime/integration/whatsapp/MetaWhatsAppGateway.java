package com.solarprime.integration.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.shared.PhoneNumbers;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Sends through Meta's WhatsApp Cloud API: {@code POST {META_GRAPH_BASE_URL}/{META_PHONE_NUMBER_ID}/messages}
 * with {@code Authorization: Bearer <META_ACCESS_TOKEN>}, free text or, when the message carries one, an
 * approved template (the only thing Meta delivers outside the 24-hour window). An image is first uploaded
 * ({@code POST /{META_PHONE_NUMBER_ID}/media}, multipart: {@code file}, {@code type}, {@code messaging_product}), then
 * sent by its media id with the text as its caption. The provider's id is {@code messages[0].id}.
 *
 * <p>Errors are classified on Meta's {@code error.code} first, then on the HTTP status: rate limits
 * ({@code 4, 80007, 130429, 131048, 131056}), transient platform errors and every 429/5xx are retryable;
 * {@code 131026} (undeliverable, not on WhatsApp), {@code 131030} (not in the test number's allowed list),
 * {@code 100} (invalid parameter), {@code 131047} (outside the 24-hour window), {@code 131050} (the user
 * stopped marketing messages) and every other 4xx are permanent. The exception's code is Meta's error code,
 * else the HTTP status, or {@code timeout} / {@code connection} / {@code io} when no answer came.
 */
@Component("whatsappGateway")
@ConditionalOnProperty(name = "solarprime.whatsapp.provider", havingValue = "meta")
public class MetaWhatsAppGateway implements WhatsAppGateway {

    private static final Logger log = LoggerFactory.getLogger(MetaWhatsAppGateway.class);

    static final String DEFAULT_GRAPH_BASE_URL = "https://graph.facebook.com/v21.0";
    static final String DEFAULT_LANGUAGE = "pt_BR";

    /** Rate limits, plus Meta's "temporarily unavailable / something went wrong" codes. */
    private static final Set<Integer> RETRYABLE = Set.of(4, 80007, 130429, 131048, 131056,
            2, 131000, 131016, 133004);
    private static final Set<Integer> PERMANENT = Set.of(100, 131026, 131030, 131047, 131050);

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(4, "application rate limit reached"),
            Map.entry(80007, "WhatsApp Business Account rate limit reached"),
            Map.entry(130429, "throughput limit reached"),
            Map.entry(131048, "spam rate limit: too many messages were blocked or reported"),
            Map.entry(131056, "too many messages to this number in a short time"),
            Map.entry(100, "invalid parameter"),
            Map.entry(131026, "undeliverable: not a WhatsApp number, or it cannot receive this message"),
            Map.entry(131030, "number not in the allowed list of this test number"),
            Map.entry(131047, "more than 24 hours since the lead last wrote: an approved template is needed"),
            Map.entry(131050, "the user stopped marketing messages (opted out)"),
            Map.entry(190, "access token expired or invalid (check META_ACCESS_TOKEN)"));

    private final URI messages;
    private final URI media;
    private final String authorization;
    private final ProviderHttp http;

    public MetaWhatsAppGateway(WhatsAppProperties properties) {
        WhatsAppProperties.Meta meta = properties.meta() == null
                ? new WhatsAppProperties.Meta(null, null, null, null, null)
                : properties.meta();
        Map<String, String> required = new LinkedHashMap<>();
        required.put("META_PHONE_NUMBER_ID", meta.phoneNumberId());
        required.put("META_ACCESS_TOKEN", meta.accessToken());
        ProviderHttp.requireSettings(provider(), required);
        String base = meta.graphBaseUrl() == null || meta.graphBaseUrl().isBlank()
                ? DEFAULT_GRAPH_BASE_URL : meta.graphBaseUrl();
        String sender = ProviderHttp.baseUrl(base, "META_GRAPH_BASE_URL") + "/" + ProviderHttp.segment(meta.phoneNumberId());
        this.messages = URI.create(sender + "/messages");
        this.media = URI.create(sender + "/media");
        String token = meta.accessToken().strip();
        this.authorization = "Bearer " + token;
        this.http = new ProviderHttp("Meta", properties, HttpClient.Version.HTTP_2, token);
    }

    @Override
    public String send(OutboundMessage message) {
        String masked = PhoneNumbers.mask(message.to());
        try {
            String to = recipient(message.to());
            masked = PhoneNumbers.mask(to);
            String mediaId = message.image() == null ? null : upload(message.image(), to);
            ProviderHttp.Answer answer = http.post(messages, Map.of("Authorization", authorization),
                    body(to, message, mediaId), to);
            if (!answer.successful()) {
                throw refusal(answer, to);
            }
            String id = answer.json().path("messages").path(0).path("id").asText("");
            if (id.isBlank()) {
                throw new WhatsAppSendException("Meta accepted the message to " + masked
                        + " (HTTP " + answer.status() + ") without messages[0].id; it may have been sent, so it "
                        + "is not retried", false, "no-message-id");
            }
            log.info("WhatsApp sent via meta to {}{}, id {}", masked, kind(message), id);
            return id;
        } catch (WhatsAppSendException e) {
            log.warn("WhatsApp send via meta to {} failed ({}, code {}): {}", masked,
                    e.retryable() ? "retryable" : "permanent", e.code(), e.getMessage());
            throw e;
        }
    }

    @Override
    public String provider() {
        return "meta";
    }

    /** The picture uploaded to Meta: its media id. Nothing reached the recipient yet, so any failure may be retried. */
    private String upload(OutboundMessage.Image image, String to) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("messaging_product", "whatsapp");
        fields.put("type", image.mimeType());
        ProviderHttp.Answer answer = http.postMultipart(media, Map.of("Authorization", authorization), fields, "file",
                image, to);
        if (!answer.successful()) {
            throw refusal(answer, to);
        }
        String id = answer.json().path("id").asText("");
        if (id.isBlank()) {
            throw new WhatsAppSendException("Meta accepted the image upload (HTTP " + answer.status()
                    + ") without a media id", true, "no-media-id");
        }
        return id;
    }

    private static String kind(OutboundMessage message) {
        if (message.image() != null) {
            return " as image (" + message.image().bytes().length + " bytes)";
        }
        return message.template() == null ? "" : " as template " + message.template().name();
    }

    private static ObjectNode body(String to, OutboundMessage message, String mediaId) {
        ObjectNode body = ProviderHttp.JSON.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("to", to);
        if (mediaId != null) {
            body.put("type", "image");
            body.putObject("image").put("id", mediaId).put("caption", message.text());
            return body;
        }
        OutboundMessage.Template template = message.template();
        if (template == null) {
            body.put("type", "text");
            body.putObject("text").put("body", message.text());
            return body;
        }
        body.put("type", "template");
        ObjectNode json = body.putObject("template");
        json.put("name", template.name());
        json.putObject("language").put("code",
                template.language() == null || template.language().isBlank() ? DEFAULT_LANGUAGE : template.language());
        if (!template.bodyParameters().isEmpty()) {
            ObjectNode component = json.putArray("components").addObject().put("type", "body");
            ArrayNode parameters = component.putArray("parameters");
            for (String value : template.bodyParameters()) {
                parameters.addObject().put("type", "text").put("text", value == null ? "" : value);
            }
        }
        return body;
    }

    /** The digits of the number (a phone JID's user part); Meta cannot address groups. */
    private static String recipient(String to) {
        String trimmed = to.strip();
        int at = trimmed.indexOf('@');
        if (at >= 0) {
            if (trimmed.substring(at + 1).equalsIgnoreCase("g.us")) {
                throw new WhatsAppSendException("Meta cannot send to a WhatsApp group (" + PhoneNumbers.mask(to) + ")",
                        false, "group-unsupported");
            }
            trimmed = trimmed.substring(0, at);
            int device = trimmed.indexOf(':');
            if (device >= 0) {
                trimmed = trimmed.substring(0, device);
            }
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
        JsonNode error = answer.json().path("error");
        JsonNode codeNode = error.path("code");
        Integer code = null;
        if (codeNode.isIntegralNumber() && codeNode.canConvertToInt()) {
            code = codeNode.intValue();
        } else if (codeNode.isTextual() && codeNode.textValue().matches("\\d{1,9}")) {
            code = Integer.valueOf(codeNode.textValue());
        }
        boolean retryable;
        if (code != null && RETRYABLE.contains(code)) {
            retryable = true;
        } else if (code != null && PERMANENT.contains(code)) {
            retryable = false;
        } else {
            retryable = ProviderHttp.isRateLimitOrServerError(status);
        }
        StringBuilder message = new StringBuilder("Meta answered HTTP ").append(status);
        if (code != null) {
            message.append(", error ").append(code);
            if (error.hasNonNull("error_subcode")) {
                message.append('/').append(error.path("error_subcode").asText());
            }
        }
        message.append(" sending to ").append(PhoneNumbers.mask(to));
        String reason = code == null ? null : REASONS.get(code);
        if (reason != null) {
            message.append(": ").append(reason);
        }
        String quoted = http.scrub(quote(answer, error), to);
        if (!quoted.isEmpty()) {
            message.append(reason == null ? ": " : "; ").append(quoted);
        }
        return new WhatsAppSendException(message.toString(), retryable,
                code != null ? String.valueOf(code) : String.valueOf(status));
    }

    /** Meta's own words: {@code error.message} and {@code error.error_data.details}, else the raw body. */
    private static String quote(ProviderHttp.Answer answer, JsonNode error) {
        if (error.isMissingNode()) {
            return answer.body();
        }
        String text = error.path("message").asText("");
        String details = error.path("error_data").path("details").asText("");
        if (!details.isEmpty() && !details.equals(text)) {
            text = text.isEmpty() ? details : text + " (" + details + ")";
        }
        return text;
    }
}
