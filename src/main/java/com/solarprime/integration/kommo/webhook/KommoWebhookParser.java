package com.solarprime.integration.kommo.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads a Kommo webhook delivery. Kommo sends {@code application/x-www-form-urlencoded} with PHP-style nested
 * keys ({@code leads[status][0][status_id]=142&account[id]=29085955}); the same structure as a JSON object is
 * accepted too. One delivery may carry several entities and several actions.
 */
@Component
public class KommoWebhookParser {

    /** A JSON object followed by anything else is not JSON. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * @param contentType the request's Content-Type, may be null; a JSON type, or a body opening with a brace
     *                    or bracket, is read as JSON, anything else as form encoding
     * @throws InvalidDeliveryException when the body is empty or neither form-encoded nor JSON
     */
    public KommoDelivery parse(String body, String contentType) {
        if (body == null || body.isBlank()) {
            throw new InvalidDeliveryException("empty body");
        }
        String trimmed = body.strip();
        boolean declaredJson = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        Map<String, Object> tree = declaredJson || trimmed.startsWith("{") || trimmed.startsWith("[")
                ? json(trimmed, declaredJson)
                : DeliveryTree.fromForm(trimmed);
        return delivery(tree);
    }

    private static Map<String, Object> json(String body, boolean declared) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw declared ? new InvalidDeliveryException("invalid JSON") : DeliveryTree.notADelivery();
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDeliveryException("JSON body is not an object");
        }
        return DeliveryTree.fromJson(root);
    }

    private static KommoDelivery delivery(Map<String, Object> tree) {
        List<KommoEvent> events = new ArrayList<>();
        List<String> unrecognised = new ArrayList<>();
        tree.forEach((entity, actions) -> {
            if (entity.equals("account")) {
                return;
            }
            if (!(actions instanceof Map)) {
                unrecognised.add(entity);
                return;
            }
            DeliveryTree.asMap(actions).forEach((action, items) -> {
                if (!(items instanceof Map)) {
                    unrecognised.add(entity + "[" + action + "]");
                    return;
                }
                int position = 0;
                for (Map.Entry<String, Object> item : DeliveryTree.asMap(items).entrySet()) {
                    if (item.getValue() instanceof Map) {
                        Long index = KommoValues.toLong(item.getKey());
                        events.add(KommoEvent.of(entity, action, index != null ? index.intValue() : position,
                                DeliveryTree.asMap(item.getValue())));
                        position++;
                    } else {
                        unrecognised.add(entity + "[" + action + "][" + item.getKey() + "]");
                    }
                }
            });
        });
        return new KommoDelivery(DeliveryTree.dedupeKey(tree), account(tree.get("account")), events, unrecognised);
    }

    private static KommoDelivery.Account account(Object node) {
        if (!(node instanceof Map)) {
            return new KommoDelivery.Account(null, null);
        }
        Map<String, Object> account = DeliveryTree.asMap(node);
        Object id = account.get("id");
        Object subdomain = account.get("subdomain");
        return new KommoDelivery.Account(id instanceof String text ? KommoValues.toLong(text) : null,
                subdomain instanceof String text ? KommoValues.blankToNull(text) : null);
    }
}
