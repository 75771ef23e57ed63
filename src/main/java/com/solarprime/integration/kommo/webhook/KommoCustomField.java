package com.solarprime.integration.kommo.webhook;

import java.util.List;

/**
 * One custom field of an entity in a webhook event ({@code [custom_fields][N][...]}).
 *
 * @param id the field id in the account
 * @param name the field name, when sent
 * @param code the field code, when sent
 * @param values its values as text, in order (a select gives the chosen option's text)
 */
public record KommoCustomField(String id, String name, String code, List<String> values) {

    public KommoCustomField {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** The first value, for the single-valued fields this integration uses. */
    public String value() {
        return values.isEmpty() ? null : values.get(0);
    }
}
