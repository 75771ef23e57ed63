package com.solarprime.integration.kommo.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of {@code GET /api/v4/events?filter[type]=lead_status_changed}. The shape of {@code value_before}
 * and {@code value_after} is not documented with certainty, so the parsing is lenient: numbers may come as
 * text, a list may come as a single object, and a missing or empty {@code value_before} only leaves the
 * origin unknown. An event that cannot be read is skipped with its reason, never fatal to the page.
 *
 * @param statusChanges the readable status changes, in page order
 * @param skipped one reason per event left out
 * @param lastCreatedAt the latest {@code created_at} of any event on the page, skipped ones included, so that a
 *                      cursor moves past unreadable events; null for an empty page
 * @param nextPage {@code _links.next.href}; null on the last page
 */
public record KommoEventsPage(List<LeadStatusEvent> statusChanges, List<String> skipped, Long lastCreatedAt,
                              String nextPage) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEAD_STATUS_CHANGED = "lead_status_changed";

    public KommoEventsPage {
        statusChanges = List.copyOf(statusChanges);
        skipped = List.copyOf(skipped);
    }

    /**
     * @param body the response body; blank is an empty page (Kommo answers 204 with no body when nothing matches)
     * @throws IllegalArgumentException when the body is not JSON
     */
    public static KommoEventsPage parse(String body) {
        if (body == null || body.isBlank()) {
            return new KommoEventsPage(List.of(), List.of(), null, null);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("events page is not JSON");
        }
        JsonNode events = root.isArray() ? root : root.path("_embedded").path("events");
        List<LeadStatusEvent> changes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Long lastCreatedAt = null;
        for (JsonNode event : items(events)) {
            Long createdAt = number(event.path("created_at"));
            if (createdAt != null && (lastCreatedAt == null || createdAt > lastCreatedAt)) {
                lastCreatedAt = createdAt;
            }
            String problem = problem(event, createdAt);
            if (problem != null) {
                skipped.add("event " + text(event.path("id")) + ": " + problem);
                continue;
            }
            JsonNode before = leadStatus(event.path("value_before"));
            JsonNode after = leadStatus(event.path("value_after"));
            changes.add(new LeadStatusEvent(text(event.path("id")), number(event.path("entity_id")),
                    number(before.path("id")), number(before.path("pipeline_id")),
                    number(after.path("id")), number(after.path("pipeline_id")), createdAt,
                    number(event.path("created_by"))));
        }
        String next = text(root.path("_links").path("next").path("href"));
        return new KommoEventsPage(changes, skipped, lastCreatedAt, next);
    }

    private static String problem(JsonNode event, Long createdAt) {
        String type = text(event.path("type"));
        if (type != null && !type.equals(LEAD_STATUS_CHANGED)) {
            return "type " + type;
        }
        String entityType = text(event.path("entity_type"));
        if (entityType != null && !entityType.equals("lead") && !entityType.equals("leads")) {
            return "entity type " + entityType;
        }
        if (number(event.path("entity_id")) == null) {
            return "no entity_id";
        }
        if (createdAt == null) {
            return "no created_at";
        }
        if (number(leadStatus(event.path("value_after")).path("id")) == null) {
            return "no lead_status in value_after";
        }
        return null;
    }

    /** The {@code lead_status} object in a value list (or single value); a missing node when there is none. */
    private static JsonNode leadStatus(JsonNode value) {
        for (JsonNode item : items(value)) {
            JsonNode status = item.path("lead_status");
            if (status.isObject()) {
                return status;
            }
        }
        return MissingNode.getInstance();
    }

    private static Iterable<JsonNode> items(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        if (node.isObject() && !node.has("lead_status") && !node.has("id")) {
            return node::elements;
        }
        return node.isObject() ? List.of(node) : List.of();
    }

    private static Long number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        return node.isTextual() ? KommoValues.toLong(node.asText()) : null;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? KommoValues.blankToNull(node.asText()) : null;
    }
}
