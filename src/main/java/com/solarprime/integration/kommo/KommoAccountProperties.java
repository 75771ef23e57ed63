package com.solarprime.integration.kommo;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the Kommo account must contain, by name: provisioning finds or creates each item and stores
 * the ids Kommo gave it in {@code kommo_account_map}. Nothing else in the service knows an id in advance.
 *
 * @param pipelineName the sales pipeline
 * @param stages its stages in order; the keys {@code WON} and {@code LOST} are Kommo's system statuses 142 and 143
 * @param customFields lead custom fields, by stable key
 * @param tags tags the automation uses
 */
@ConfigurationProperties("solarprime.kommo.account")
public record KommoAccountProperties(String pipelineName, List<Stage> stages, List<CustomField> customFields,
                                     List<String> tags) {

    public KommoAccountProperties {
        stages = stages == null ? List.of() : List.copyOf(stages);
        customFields = customFields == null ? List.of() : List.copyOf(customFields);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * @param key stable key used by the code (e.g. {@code QUALIFIED})
     * @param name stage name shown in Kommo
     * @param color stage colour
     */
    public record Stage(String key, String name, String color) {
    }

    /**
     * @param key stable key used by the code (e.g. {@code energy_bill_value})
     * @param name field name shown in Kommo
     * @param type Kommo field type (text, numeric, textarea, select, date_time, ...)
     * @param options choices of a select field
     */
    public record CustomField(String key, String name, String type, List<String> options) {

        public CustomField {
            options = options == null ? List.of() : List.copyOf(options);
        }
    }
}
