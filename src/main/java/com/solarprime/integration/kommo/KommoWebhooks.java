package com.solarprime.integration.kommo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.inbox.InboxWriter;
import com.solarprime.integration.kommo.webhook.InvalidDeliveryException;
import com.solarprime.integration.kommo.webhook.KommoWebhookParser;
import com.solarprime.integration.shared.ClientError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriUtils;

/**
 * The receiving end of Kommo's webhooks: Kommo waits 2 seconds and disables a hook after 100 failures in
 * 2 hours, so the delivery is only checked (path secret, form or JSON) and stored; processing comes later.
 */
@Component("kommoWebhooks")
public class KommoWebhooks {

    private final byte[] secret;
    private final InboxWriter inbox;
    private final ObjectMapper json;
    private final KommoWebhookParser parser;

    public KommoWebhooks(KommoProperties kommo, InboxWriter inbox, ObjectMapper json, KommoWebhookParser parser) {
        this.secret = kommo.webhookSecret() == null ? new byte[0] : kommo.webhookSecret().getBytes(StandardCharsets.UTF_8);
        this.inbox = inbox;
        this.json = json;
        this.parser = parser;
    }

    /** Compared in constant time; a service without a configured secret knows none. */
    public boolean knownSecret(@Header("secret") String presented) {
        return secret.length > 0 && presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** A delivery with a known secret: 400 when it is neither form nor JSON, else stored (committed) and accepted. */
    public Map<String, Object> receive(Exchange exchange) {
        Message in = exchange.getMessage();
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase();
        String body;
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            body = formBody(in.getBody(Map.class));
            contentType = "application/x-www-form-urlencoded";
        } else {
            body = jsonBody(in.getBody(String.class));
            contentType = "application/json";
        }
        requireEvents(body, contentType);
        boolean fresh = inbox.store(new InboxWriter.Delivery("kommo", sha256(body), contentType, body));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", fresh ? "accepted" : "duplicate");
        return reply;
    }

    /** Only what has the shape of a Kommo delivery is stored: at least one {@code entity[action][n]} event. */
    private void requireEvents(String body, String contentType) {
        try {
            var events = parser.parse(body, contentType).events();
            if (events.isEmpty()) {
                throw new ClientError(400, "not a Kommo delivery: no entity[action][n] event");
            }
            if (events.stream().anyMatch(event -> !event.identified()
                    || "status".equals(event.action()) && event.statusChange().isEmpty())) {
                throw new ClientError(400, "not a Kommo delivery: an event without its numeric ids");
            }
        } catch (InvalidDeliveryException e) {
            throw new ClientError(400, "not a Kommo delivery: " + e.getMessage());
        }
    }

    /**
     * platform-http has already read the form into a map of its fields (in order, '+' turned into spaces but
     * percent-escapes left as sent), so the delivery is stored re-encoded from it: the same fields, the same
     * order, canonically escaped.
     */
    private static String formBody(Map<?, ?> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new ClientError(400, "empty form body");
        }
        StringBuilder body = new StringBuilder();
        fields.forEach((key, value) -> {
            for (Object each : value instanceof Iterable<?> values ? values : java.util.List.of(String.valueOf(value))) {
                if (body.length() > 0) {
                    body.append('&');
                }
                body.append(URLEncoder.encode(UriUtils.decode(String.valueOf(key), StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(UriUtils.decode(String.valueOf(each), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            }
        });
        return body.toString();
    }

    private String jsonBody(String body) {
        if (!StringUtils.hasText(body)) {
            throw new ClientError(400, "empty body: Kommo sends application/x-www-form-urlencoded (or JSON)");
        }
        try {
            JsonNode node = json.readTree(body);
            if (!node.isObject()) {
                throw new ClientError(400, "body is neither form-encoded nor a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new ClientError(400, "body is neither form-encoded nor JSON");
        }
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
