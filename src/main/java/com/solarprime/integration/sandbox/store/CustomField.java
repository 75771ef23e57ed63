package com.solarprime.integration.sandbox.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

public record CustomField(long id, String entityType, String name, String type, String code, int sort,
                          boolean isApiOnly, boolean isPredefined, List<FieldEnum> enums) {

    public static final Set<String> TYPES = Set.of("text", "numeric", "textarea", "select", "multiselect",
            "date", "date_time", "checkbox", "url", "multitext", "radiobutton", "birthday");
    /** Types whose options are chosen by {@code enum_id} (or by value). */
    public static final Set<String> SELECT_TYPES = Set.of("select", "multiselect", "radiobutton");

    public boolean hasEnums() {
        return SELECT_TYPES.contains(type) || "multitext".equals(type);
    }

    public boolean isSelect() {
        return SELECT_TYPES.contains(type);
    }

    public Optional<FieldEnum> enumById(long enumId) {
        return enums.stream().filter(e -> e.id() == enumId).findFirst();
    }

    public Optional<FieldEnum> enumByValue(String value) {
        return enums.stream().filter(e -> e.value().equalsIgnoreCase(value)).findFirst();
    }
}
