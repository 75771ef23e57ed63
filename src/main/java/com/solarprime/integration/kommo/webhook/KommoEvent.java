package com.solarprime.integration.kommo.webhook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entity in a Kommo delivery: {@code <entity>[<action>][<index>][...]}, e.g. {@code leads[status][0]}.
 *
 * @param entity {@code leads}, {@code contacts}, {@code tasks}, ... as Kommo names it (unknown names are kept)
 * @param action {@code status}, {@code add}, {@code update}, {@code delete}, {@code responsible}, {@code note}, ...
 * @param index the entity's position within its action
 * @param fields the entity's plain values by name ({@code id}, {@code status_id}, {@code name}, ...)
 * @param nested the entity's structured values by name ({@code custom_fields}, {@code note}, {@code _embedded},
 *               ...); each value is a String or a Map of the same kind, list items keyed "0", "1", ...
 */
public record KommoEvent(String entity, String action, int index, Map<String, String> fields,
                         Map<String, Object> nested) {

    public KommoEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        nested = Collections.unmodifiableMap(new LinkedHashMap<>(nested));
    }

    /** Splits an entity's values into plain and structured ones. */
    static KommoEvent of(String entity, String action, int index, Map<String, Object> values) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Object> nested = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof String text) {
                fields.put(name, text);
            } else {
                nested.put(name, value);
            }
        });
        return new KommoEvent(entity, action, index, fields, nested);
    }

    /** A plain value; empty when absent or blank. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(KommoValues.blankToNull(fields.get(name)));
    }

    public Optional<Long> longField(String name) {
        return Optional.ofNullable(KommoValues.toLong(fields.get(name)));
    }

    /** The entity's {@code id}. */
    public Optional<Long> entityId() {
        return longField("id");
    }

    /**
     * Whether the event names what it is about: the entity's {@code id}; a note, which Kommo nests under
     * {@code note} ({@code leads[note][0][note][id]}), its own id and the id of its lead.
     */
    public boolean identified() {
        if ("note".equals(action)) {
            return value("note", "id").map(KommoValues::toLong).isPresent()
                    && value("note", "element_id").map(KommoValues::toLong).isPresent();
        }
        return entityId().isPresent();
    }

    /** A value anywhere in the entity, e.g. {@code value("note", "text")}; empty when absent, blank or a map. */
    public Optional<String> value(String... path) {
        if (path.length == 0) {
            return Optional.empty();
        }
        if (path.length == 1) {
            return field(path[0]);
        }
        Object node = nested.get(path[0]);
        for (int i = 1; i < path.length && node instanceof Map; i++) {
            node = DeliveryTree.asMap(node).get(path[i]);
        }
        return node instanceof String text ? Optional.ofNullable(KommoValues.blankToNull(text)) : Optional.empty();
    }

    /** The entity's custom fields in the order sent; values given as {@code [values][N][value]} or {@code [values][N]}. */
    public List<KommoCustomField> customFields() {
        Object fieldsNode = nested.get("custom_fields");
        if (!(fieldsNode instanceof Map)) {
            return List.of();
        }
        List<KommoCustomField> result = new ArrayList<>();
        for (Object field : DeliveryTree.asMap(fieldsNode).values()) {
            if (!(field instanceof Map)) {
                continue;
            }
            Map<String, Object> values = DeliveryTree.asMap(field);
            result.add(new KommoCustomField(text(values.get("id")), text(values.get("name")),
                    text(values.get("code")), valuesOf(values.get("values"))));
        }
        return List.copyOf(result);
    }

    public Optional<KommoCustomField> customField(long fieldId) {
        String id = String.valueOf(fieldId);
        return customFields().stream().filter(field -> id.equals(field.id())).findFirst();
    }

    /**
     * The status change a {@code leads[status]} event reports; empty for every other event and for one without
     * a numeric {@code id} and {@code status_id}.
     */
    public Optional<StatusChange> statusChange() {
        if (!"leads".equals(entity) || !"status".equals(action)) {
            return Optional.empty();
        }
        Long leadId = KommoValues.toLong(fields.get("id"));
        Long statusId = KommoValues.toLong(fields.get("status_id"));
        if (leadId == null || statusId == null) {
            return Optional.empty();
        }
        Long updatedAt = KommoValues.toLong(fields.get("updated_at"));
        return Optional.of(new StatusChange(leadId, statusId,
                KommoValues.toLong(fields.get("pipeline_id")),
                KommoValues.toLong(fields.get("old_status_id")),
                KommoValues.toLong(fields.get("old_pipeline_id")),
                updatedAt != null ? updatedAt : KommoValues.toLong(fields.get("last_modified")),
                KommoValues.toLong(fields.get("responsible_user_id"))));
    }

    private static String text(Object node) {
        return node instanceof String text ? KommoValues.blankToNull(text) : null;
    }

    private static List<String> valuesOf(Object node) {
        if (node instanceof String text) {
            return text.isBlank() ? List.of() : List.of(text);
        }
        if (!(node instanceof Map)) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Object item : DeliveryTree.asMap(node).values()) {
            String value = item instanceof Map ? text(DeliveryTree.asMap(item).get("value")) : text(item);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }
}
