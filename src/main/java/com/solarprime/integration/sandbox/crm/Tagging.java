package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.store.Tag;
import com.solarprime.integration.sandbox.store.TagStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Kommo's tag semantics: {@code _embedded.tags} replaces the whole set ({@code null} clears it),
 * {@code tags_to_add} and {@code tags_to_delete} change it by difference. Tags are given as
 * {@code {id}} or {@code {name}}; unknown names are created.
 */
@Component
@ConditionalOnSandbox
public class Tagging {

    private final TagStore tags;

    public Tagging(TagStore tags) {
        this.tags = tags;
    }

    public List<Tag> apply(EntityInput in, EntityInput embedded, String entityType, List<Tag> current) {
        Map<Long, Tag> result = new LinkedHashMap<>();
        current.forEach(t -> result.put(t.id(), t));
        if (embedded != null && embedded.has("tags")) {
            result.clear();
            ArrayNode replacement = embedded.array("tags");
            if (replacement != null) {
                resolve(embedded, "tags", replacement, entityType).forEach(t -> result.put(t.id(), t));
            }
        }
        ArrayNode toAdd = in.array("tags_to_add");
        if (toAdd != null) {
            resolve(in, "tags_to_add", toAdd, entityType).forEach(t -> result.put(t.id(), t));
        }
        ArrayNode toDelete = in.array("tags_to_delete");
        if (toDelete != null) {
            for (int i = 0; i < toDelete.size(); i++) {
                JsonNode ref = toDelete.get(i);
                JsonNode name = ref.get("name");
                result.values().removeIf(t -> (ref.hasNonNull("id") && ref.get("id").asLong() == t.id())
                        || (name != null && name.isTextual() && t.name().equalsIgnoreCase(name.asText().trim())));
            }
        }
        return new ArrayList<>(result.values());
    }

    private List<Tag> resolve(EntityInput in, String field, ArrayNode refs, String entityType) {
        List<Tag> resolved = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            String at = in.path(field) + "." + i;
            JsonNode ref = refs.get(i);
            JsonNode id = ref.get("id");
            JsonNode name = ref.get("name");
            if (id != null && !id.isNull()) {
                Optional<Tag> tag = id.isIntegralNumber() ? tags.byId(entityType, id.asLong()) : Optional.empty();
                tag.ifPresentOrElse(resolved::add, () -> in.violation(Violation.NOT_SUPPORTED_CHOICE, at + ".id",
                        "The value you selected is not a valid choice."));
            } else if (name != null && name.isTextual() && !name.asText().isBlank()) {
                resolved.add(tags.byName(entityType, name.asText()));
            } else {
                in.violation(Violation.FIELD_MISSING, at + ".name", "This field is missing.");
            }
        }
        return resolved;
    }
}
