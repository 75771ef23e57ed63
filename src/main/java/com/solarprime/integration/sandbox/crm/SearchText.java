package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code query=} searches: names, the id and every field value, lower-cased, with phone digits. */
final class SearchText {

    private SearchText() {
    }

    static String of(long id, ArrayNode customFields, String... names) {
        StringBuilder text = new StringBuilder().append(id);
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                text.append(' ').append(name.toLowerCase(Locale.ROOT));
            }
        }
        if (customFields != null) {
            customFields.forEach(field -> field.get("values").forEach(v -> {
                String value = v.path("value").asText("");
                text.append(' ').append(value.toLowerCase(Locale.ROOT));
                String digits = value.replaceAll("\\D", "");
                if (!digits.isEmpty() && !digits.equals(value)) {
                    text.append(' ').append(digits);
                }
            }));
        }
        return text.toString();
    }

    /** Digits of every PHONE value. */
    static List<String> phoneDigits(ArrayNode customFields) {
        List<String> phones = new ArrayList<>();
        if (customFields != null) {
            customFields.forEach(field -> {
                if ("PHONE".equals(field.path("field_code").asText())) {
                    field.get("values").forEach(v -> {
                        String digits = v.path("value").asText("").replaceAll("\\D", "");
                        if (!digits.isEmpty()) {
                            phones.add(digits);
                        }
                    });
                }
            });
        }
        return phones;
    }
}
