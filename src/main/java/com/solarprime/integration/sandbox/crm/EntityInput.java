package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One entity of a request body, read the way Kommo's validator reads it: strict JSON types, unknown
 * fields refused, and every failure recorded against the entity's request id and a dotted path
 * ({@code custom_fields_values.0.values.0.enum_code}) instead of stopping at the first one.
 */
public final class EntityInput {

    private final ObjectNode node;
    private final String requestId;
    private final String prefix;
    private final Violations violations;

    private EntityInput(ObjectNode node, String requestId, String prefix, Violations violations) {
        this.node = node;
        this.requestId = requestId;
        this.prefix = prefix;
        this.violations = violations;
    }

    /**
     * The entities of a batch body. Batch-level problems (not an array, empty, over {@code max}) fail
     * the whole request at once, as Kommo does.
     */
    public static List<EntityInput> batch(JsonNode body, int max, Violations violations) {
        if (body == null || !body.isArray()) {
            throw Violations.single(Violation.INVALID_TYPE, "", "This value should be of type array.");
        }
        if (body.isEmpty()) {
            throw Violations.single(Violation.TOO_MANY, "", "This collection should contain 1 element or more.");
        }
        if (body.size() > max) {
            throw Violations.single(Violation.TOO_MANY, "",
                    "This collection should contain " + max + " elements or less.");
        }
        List<EntityInput> entities = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            String requestId = requestIdOf(item, i);
            if (!item.isObject()) {
                violations.add(requestId, Violation.INVALID_TYPE, String.valueOf(i), "This value should be of type object.");
                continue;
            }
            entities.add(new EntityInput((ObjectNode) item, requestId, "", violations));
        }
        return entities;
    }

    /** A single object body ({@code PATCH /leads/{id}}). */
    public static EntityInput single(JsonNode body, Violations violations) {
        if (body == null || !body.isObject()) {
            throw Violations.single(Violation.INVALID_TYPE, "", "This value should be of type object.");
        }
        return new EntityInput((ObjectNode) body, requestIdOf(body, 0), "", violations);
    }

    private static String requestIdOf(JsonNode item, int index) {
        JsonNode id = item == null ? null : item.get("request_id");
        return id != null && id.isValueNode() && !id.isNull() ? id.asText() : String.valueOf(index);
    }

    public String requestId() {
        return requestId;
    }

    public String path(String field) {
        return prefix + field;
    }

    public void violation(String code, String path, String detail) {
        violations.add(requestId, code, path, detail);
    }

    /** Refuses fields Kommo does not know for this entity (a typo such as {@code sale} for {@code price}). */
    public void allowOnly(Set<String> fields) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                violation(Violation.FIELD_NOT_EXPECTED, path(name), "This field was not expected.");
            }
        }
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public boolean isNull(String field) {
        return node.has(field) && node.get(field).isNull();
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }

    public Long longValue(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
            return value.asLong();
        }
        violation(Violation.INVALID_TYPE, path(field), "This value should be of type int.");
        return null;
    }

    public Integer intValue(String field) {
        Long value = longValue(field);
        return value == null ? null : value.intValue();
    }

    public String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        violation(Violation.INVALID_TYPE, path(field), "This value should be of type string.");
        return null;
    }

    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        violation(Violation.INVALID_TYPE, path(field), "This value should be of type bool.");
        return null;
    }

    public ArrayNode array(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            return (ArrayNode) value;
        }
        violation(Violation.INVALID_TYPE, path(field), "This value should be of type array.");
        return null;
    }

    /** A nested object ({@code _embedded}, {@code result}) read with the same rules under a longer path. */
    public EntityInput child(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            violation(Violation.INVALID_TYPE, path(field), "This value should be of type object.");
            return null;
        }
        return new EntityInput((ObjectNode) value, requestId, path(field) + ".", violations);
    }

    /** Element {@code index} of an array field, as an entity of its own (an embedded contact). */
    public EntityInput element(ArrayNode array, String field, int index) {
        JsonNode value = array.get(index);
        if (!value.isObject()) {
            violation(Violation.INVALID_TYPE, path(field) + "." + index, "This value should be of type object.");
            return null;
        }
        return new EntityInput((ObjectNode) value, requestId, path(field) + "." + index + ".", violations);
    }
}
