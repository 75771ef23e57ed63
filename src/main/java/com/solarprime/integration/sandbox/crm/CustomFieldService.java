package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import com.solarprime.integration.sandbox.store.CustomField;
import com.solarprime.integration.sandbox.store.CustomFieldStore;
import com.solarprime.integration.sandbox.store.FieldEnum;
import com.solarprime.integration.sandbox.store.Ids;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code POST|PATCH /leads/custom_fields} (and contacts): name, type, optional code, options for selects. */
@Component
@ConditionalOnSandbox
public class CustomFieldService {

    private static final int MAX_BATCH = 250;
    private static final Set<String> FIELDS = Set.of("name", "type", "code", "sort", "enums", "is_api_only",
            "request_id", "group_id", "required_statuses", "is_deletable", "is_predefined", "remind", "settings",
            "currency", "hidden_statuses", "tracking_callback", "chained_lists", "is_visible", "is_required",
            "account_id", "entity_type", "id", "_links");

    private final SandboxDatabase db;
    private final CustomFieldStore fields;
    private final Ids ids;

    public CustomFieldService(SandboxDatabase db, CustomFieldStore fields, Ids ids) {
        this.db = db;
        this.fields = fields;
        this.ids = ids;
    }

    public List<Written<CustomField>> create(String entityType, JsonNode body) {
        return db.inTransaction(() -> {
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_BATCH, violations);
            int sort = fields.all(entityType).stream().mapToInt(CustomField::sort).max().orElse(500);
            Set<String> codesInBatch = new HashSet<>();
            List<Written<CustomField>> created = new ArrayList<>();
            for (EntityInput in : inputs) {
                in.allowOnly(FIELDS);
                String name = in.text("name");
                if (name == null || name.isBlank()) {
                    in.violation(Violation.FIELD_MISSING, "name", "This field is missing.");
                }
                String type = in.text("type");
                if (type == null) {
                    in.violation(Violation.FIELD_MISSING, "type", "This field is missing.");
                } else if (!CustomField.TYPES.contains(type)) {
                    in.violation(Violation.NOT_SUPPORTED_CHOICE, "type", "The value you selected is not a valid choice.");
                }
                String code = in.text("code");
                if (code != null && (fields.findByCode(entityType, code).isPresent() || !codesInBatch.add(code))) {
                    in.violation(Violation.NOT_SUPPORTED_CHOICE, "code", "A field with this code already exists.");
                }
                Integer givenSort = in.intValue("sort");
                Boolean apiOnly = in.bool("is_api_only");
                List<FieldEnum> enums = enums(in, type);
                sort = givenSort != null ? givenSort : sort + 2;
                created.add(new Written<>(new CustomField(ids.next(), entityType, name, type, code, sort,
                        Boolean.TRUE.equals(apiOnly), false, enums), in.requestId()));
            }
            violations.throwIfAny();
            created.forEach(w -> fields.insert(w.entity()));
            return created;
        });
    }

    /**
     * {@code PATCH}: name, code, sort and options change; {@code enums}, when sent, is the whole new list
     * (options with an {@code id} are kept and may be renamed, options not sent are removed).
     */
    public List<Written<CustomField>> update(String entityType, JsonNode body) {
        return db.inTransaction(() -> {
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_BATCH, violations);
            List<Written<CustomField>> updated = new ArrayList<>();
            for (EntityInput in : inputs) {
                Long id = in.longValue("id");
                if (id == null) {
                    in.violation(Violation.FIELD_MISSING, "id", "This field is missing.");
                    continue;
                }
                update(in, entityType, id).ifPresent(f -> updated.add(new Written<>(f, in.requestId())));
            }
            violations.throwIfAny();
            updated.forEach(w -> fields.update(w.entity()));
            return updated;
        });
    }

    public CustomField updateOne(String entityType, long id, JsonNode body) {
        return db.inTransaction(() -> {
            Violations violations = new Violations();
            Optional<CustomField> field = update(EntityInput.single(body, violations), entityType, id);
            violations.throwIfAny();
            fields.update(field.orElseThrow());
            return field.get();
        });
    }

    private Optional<CustomField> update(EntityInput in, String entityType, long id) {
        in.allowOnly(FIELDS);
        Optional<CustomField> current = fields.find(entityType, id);
        if (current.isEmpty()) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, "id", "The value you selected is not a valid choice.");
            return Optional.empty();
        }
        CustomField field = current.get();
        String type = in.text("type");
        if (type != null && !type.equals(field.type())) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, "type", "The type of a field cannot change.");
        }
        String name = in.text("name");
        String code = in.text("code");
        if (code != null && !code.equals(field.code()) && fields.findByCode(entityType, code).isPresent()) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, "code", "A field with this code already exists.");
        }
        Integer sort = in.intValue("sort");
        Boolean apiOnly = in.bool("is_api_only");
        List<FieldEnum> enums = in.has("enums") ? replacedEnums(in, field) : field.enums();
        return Optional.of(new CustomField(id, entityType, name != null ? name : field.name(), field.type(),
                code != null ? code : field.code(), sort != null ? sort : field.sort(),
                apiOnly != null ? apiOnly : field.isApiOnly(), field.isPredefined(), enums));
    }

    private List<FieldEnum> replacedEnums(EntityInput in, CustomField field) {
        ArrayNode given = in.array("enums");
        List<FieldEnum> enums = new ArrayList<>();
        if (given == null) {
            return enums;
        }
        for (int i = 0; i < given.size(); i++) {
            JsonNode option = given.get(i);
            JsonNode value = option.get("value");
            JsonNode id = option.get("id");
            JsonNode sort = option.get("sort");
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                in.violation(Violation.FIELD_MISSING, "enums." + i + ".value", "This field is missing.");
                continue;
            }
            int order = sort != null && sort.isInt() ? sort.asInt() : i + 1;
            if (id != null && !id.isNull()) {
                if (!id.isIntegralNumber() || field.enumById(id.asLong()).isEmpty()) {
                    in.violation(Violation.NOT_SUPPORTED_CHOICE, "enums." + i + ".id",
                            "The value you selected is not a valid choice.");
                    continue;
                }
                enums.add(new FieldEnum(id.asLong(), value.asText(), order));
            } else {
                enums.add(new FieldEnum(ids.next(), value.asText(), order));
            }
        }
        return enums;
    }

    private List<FieldEnum> enums(EntityInput in, String type) {
        ArrayNode given = in.array("enums");
        boolean needsEnums = type != null && CustomField.SELECT_TYPES.contains(type);
        List<FieldEnum> enums = new ArrayList<>();
        if (given == null || given.isEmpty()) {
            if (needsEnums) {
                in.violation(Violation.FIELD_MISSING, "enums", "This field is missing.");
            }
            return enums;
        }
        for (int i = 0; i < given.size(); i++) {
            JsonNode option = given.get(i);
            JsonNode value = option.get("value");
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                in.violation(Violation.FIELD_MISSING, "enums." + i + ".value", "This field is missing.");
                continue;
            }
            JsonNode sort = option.get("sort");
            enums.add(new FieldEnum(ids.next(), value.asText(), sort != null && sort.isInt() ? sort.asInt() : i + 1));
        }
        return enums;
    }
}
