package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.store.CustomField;
import com.solarprime.integration.sandbox.store.CustomFieldStore;
import com.solarprime.integration.sandbox.store.FieldEnum;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Validates {@code custom_fields_values} against the account's fields and merges them into an entity's
 * current values: only the fields sent change, {@code values: null} clears one. Values are stored in the
 * shape Kommo returns them ({@code field_id, field_name, field_code, field_type, values}).
 */
@Component
@ConditionalOnSandbox
public class CustomFieldValues {

    private static final String FIELD = "custom_fields_values";
    /** Keys of a field entry; the read-only ones appear when a client sends back what it read. */
    private static final Set<String> ENTRY_KEYS = Set.of("field_id", "field_code", "values", "field_name", "field_type",
            "is_computed");
    private static final Set<String> VALUE_KEYS = Set.of("value", "enum_id", "enum_code", "subtype");

    private final CustomFieldStore fields;

    public CustomFieldValues(CustomFieldStore fields) {
        this.fields = fields;
    }

    /** The entity's values after applying the input, or {@code current} when the input has none. */
    public ArrayNode apply(EntityInput in, String entityType, ArrayNode current) {
        ArrayNode entries = in.array(FIELD);
        if (entries == null) {
            return current;
        }
        Map<Long, ObjectNode> merged = new LinkedHashMap<>();
        if (current != null) {
            current.forEach(e -> merged.put(e.get("field_id").asLong(), (ObjectNode) e));
        }
        for (int i = 0; i < entries.size(); i++) {
            String at = in.path(FIELD) + "." + i;
            JsonNode entry = entries.get(i);
            if (!entry.isObject()) {
                in.violation(Violation.INVALID_TYPE, at, "This value should be of type object.");
                continue;
            }
            unexpectedKeys(in, entry, ENTRY_KEYS, at);
            resolve(in, entityType, entry, at).ifPresent(field -> {
                JsonNode values = entry.get("values");
                if (values == null) {
                    in.violation(Violation.FIELD_MISSING, at + ".values", "This field is missing.");
                } else if (values.isNull() || (values.isArray() && values.isEmpty())) {
                    merged.remove(field.id());
                } else if (!values.isArray()) {
                    in.violation(Violation.INVALID_TYPE, at + ".values", "This value should be of type array.");
                } else {
                    ArrayNode normalized = normalize(in, field, (ArrayNode) values, at + ".values");
                    if (normalized.isEmpty()) {
                        merged.remove(field.id());
                    } else {
                        merged.put(field.id(), entry(field, normalized));
                    }
                }
            });
        }
        ArrayNode result = SandboxJson.array();
        merged.values().forEach(result::add);
        return result.isEmpty() ? null : result;
    }

    private Optional<CustomField> resolve(EntityInput in, String entityType, JsonNode entry, String at) {
        JsonNode id = entry.get("field_id");
        JsonNode code = entry.get("field_code");
        if (id != null && !id.isNull()) {
            if (!id.isIntegralNumber()) {
                in.violation(Violation.INVALID_TYPE, at + ".field_id", "This value should be of type int.");
                return Optional.empty();
            }
            Optional<CustomField> field = fields.find(entityType, id.asLong());
            if (field.isEmpty()) {
                in.violation(Violation.NOT_SUPPORTED_CHOICE, at + ".field_id", "The value you selected is not a valid choice.");
            }
            return field;
        }
        if (code != null && !code.isNull()) {
            Optional<CustomField> field = code.isTextual() ? fields.findByCode(entityType, code.asText()) : Optional.empty();
            if (field.isEmpty()) {
                in.violation(Violation.NOT_SUPPORTED_CHOICE, at + ".field_code", "The value you selected is not a valid choice.");
            }
            return field;
        }
        in.violation(Violation.FIELD_MISSING, at + ".field_id", "This field is missing.");
        return Optional.empty();
    }

    private ArrayNode normalize(EntityInput in, CustomField field, ArrayNode values, String at) {
        ArrayNode out = SandboxJson.array();
        boolean multiple = "multiselect".equals(field.type()) || "multitext".equals(field.type());
        if (!multiple && values.size() > 1) {
            in.violation(Violation.TOO_MANY, at, "This collection should contain 1 element or less.");
            return out;
        }
        for (int j = 0; j < values.size(); j++) {
            String valueAt = at + "." + j;
            JsonNode value = values.get(j);
            if (!value.isObject()) {
                in.violation(Violation.INVALID_TYPE, valueAt, "This value should be of type object.");
                continue;
            }
            unexpectedKeys(in, value, VALUE_KEYS, valueAt);
            ObjectNode normalized = field.isSelect() ? selectValue(in, field, value, valueAt)
                    : "multitext".equals(field.type()) ? multitextValue(in, field, value, valueAt)
                    : scalarValue(in, field, value.get("value"), valueAt + ".value");
            if (normalized != null) {
                out.add(normalized);
            }
        }
        return out;
    }

    /** Select options are chosen by {@code enum_id} or by their text; {@code enum_code} is refused, as Kommo does. */
    private ObjectNode selectValue(EntityInput in, CustomField field, JsonNode value, String at) {
        JsonNode code = value.get("enum_code");
        if (code != null && !code.isNull()) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, at + ".enum_code",
                    "enum_code is not supported for fields of type " + field.type() + "; use enum_id.");
            return null;
        }
        Optional<FieldEnum> option = chosen(in, field, value, at);
        if (option.isEmpty()) {
            return null;
        }
        return SandboxJson.object().put("value", option.get().value()).put("enum_id", option.get().id())
                .putNull("enum_code");
    }

    private Optional<FieldEnum> chosen(EntityInput in, CustomField field, JsonNode value, String at) {
        JsonNode enumId = value.get("enum_id");
        if (enumId != null && !enumId.isNull()) {
            Optional<FieldEnum> option = enumId.isIntegralNumber() ? field.enumById(enumId.asLong()) : Optional.empty();
            if (option.isEmpty()) {
                in.violation(Violation.NOT_SUPPORTED_CHOICE, at + ".enum_id", "The value you selected is not a valid choice.");
            }
            return option;
        }
        JsonNode text = value.get("value");
        Optional<FieldEnum> option = text != null && text.isValueNode() && !text.isNull()
                ? field.enumByValue(text.asText()) : Optional.empty();
        if (option.isEmpty()) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, at + ".value", "The value you selected is not a valid choice.");
        }
        return option;
    }

    /** PHONE, EMAIL and other multitext values carry their kind as {@code enum_code} (WORK, MOB, ...) or {@code enum_id}. */
    private ObjectNode multitextValue(EntityInput in, CustomField field, JsonNode value, String at) {
        JsonNode text = value.get("value");
        if (text == null || text.isNull() || !(text.isTextual() || text.isNumber()) || text.asText().isBlank()) {
            in.violation(Violation.INVALID_TYPE, at + ".value", "This value should be of type string.");
            return null;
        }
        JsonNode code = value.get("enum_code");
        JsonNode enumId = value.get("enum_id");
        Optional<FieldEnum> kind;
        if (code != null && !code.isNull()) {
            kind = code.isTextual() ? field.enums().stream().filter(e -> e.value().equals(code.asText())).findFirst()
                    : Optional.empty();
            if (kind.isEmpty()) {
                in.violation(Violation.NOT_SUPPORTED_CHOICE, at + ".enum_code", "The value you selected is not a valid choice.");
                return null;
            }
        } else if (enumId != null && !enumId.isNull()) {
            kind = enumId.isIntegralNumber() ? field.enumById(enumId.asLong()) : Optional.empty();
            if (kind.isEmpty()) {
                in.violation(Violation.NOT_SUPPORTED_CHOICE, at + ".enum_id", "The value you selected is not a valid choice.");
                return null;
            }
        } else {
            kind = field.enums().stream().findFirst();
        }
        ObjectNode out = SandboxJson.object().put("value", text.asText());
        kind.ifPresentOrElse(k -> out.put("enum_id", k.id()).put("enum_code", k.value()),
                () -> out.putNull("enum_id").putNull("enum_code"));
        return out;
    }

    private ObjectNode scalarValue(EntityInput in, CustomField field, JsonNode value, String at) {
        if (value == null || value.isNull()) {
            in.violation(Violation.FIELD_MISSING, at, "This field is missing.");
            return null;
        }
        ObjectNode out = SandboxJson.object();
        switch (field.type()) {
            case "numeric" -> {
                BigDecimal number = number(value);
                if (number == null) {
                    in.violation(Violation.INVALID_TYPE, at, "This value should be of type numeric.");
                    return null;
                }
                out.put("value", number.stripTrailingZeros().toPlainString());
            }
            case "checkbox" -> {
                if (value.isBoolean() || (value.isIntegralNumber() && (value.asInt() == 0 || value.asInt() == 1))) {
                    out.put("value", value.asBoolean() || value.asInt() == 1);
                } else {
                    in.violation(Violation.INVALID_TYPE, at, "This value should be of type bool.");
                    return null;
                }
            }
            case "date", "date_time", "birthday" -> {
                Long seconds = timestamp(value);
                if (seconds == null) {
                    in.violation(Violation.INVALID_TYPE, at, "This value should be a Unix timestamp or an RFC 3339 date.");
                    return null;
                }
                out.put("value", seconds);
            }
            default -> {
                if (!value.isTextual() && !value.isNumber()) {
                    in.violation(Violation.INVALID_TYPE, at, "This value should be of type string.");
                    return null;
                }
                if (value.asText().isEmpty()) {
                    return null;
                }
                out.put("value", value.asText());
            }
        }
        return out;
    }

    private static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual() && value.asText().trim().matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(value.asText().trim());
        }
        return null;
    }

    /** Unix seconds, or the RFC 3339 string the official client library sends. */
    private static Long timestamp(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (!value.isTextual()) {
            return null;
        }
        String text = value.asText().trim();
        if (text.matches("\\d+")) {
            return Long.parseLong(text);
        }
        try {
            return OffsetDateTime.parse(text).toEpochSecond();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static ObjectNode entry(CustomField field, ArrayNode values) {
        ObjectNode entry = SandboxJson.object()
                .put("field_id", field.id())
                .put("field_name", field.name())
                .put("field_code", field.code())
                .put("field_type", field.type());
        entry.set("values", values);
        entry.put("is_computed", false);
        return entry;
    }

    private static void unexpectedKeys(EntityInput in, JsonNode node, Set<String> allowed, String at) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                in.violation(Violation.FIELD_NOT_EXPECTED, at + "." + name, "This field was not expected.");
            }
        }
    }
}
