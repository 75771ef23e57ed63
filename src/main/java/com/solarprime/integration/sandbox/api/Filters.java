package com.solarprime.integration.sandbox.api;

import com.solarprime.integration.sandbox.crm.Violation;
import com.solarprime.integration.sandbox.crm.Violations;
import com.solarprime.integration.sandbox.store.Order;
import com.solarprime.integration.sandbox.store.StatusRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Filters shared by several lists. */
final class Filters {

    private Filters() {
    }

    /** {@code order[field]=asc|desc}; the first allowed field wins. */
    static Order order(QueryParams params, Set<String> allowed, Order fallback) {
        for (Map.Entry<String, String> entry : params.fields("order").entrySet()) {
            if (allowed.contains(entry.getKey())) {
                return Order.of(entry.getKey(), entry.getValue(), allowed, fallback);
            }
        }
        return fallback;
    }

    /** {@code ...[N][pipeline_id]} + {@code ...[N][status_id]}: one stage of one pipeline per entry. */
    static List<StatusRef> statuses(QueryParams params, String... path) {
        if (!params.has(path)) {
            return null;
        }
        List<StatusRef> refs = new ArrayList<>();
        for (Map<String, String> entry : params.entries(path)) {
            String pipeline = entry.get("pipeline_id");
            String status = entry.get("status_id");
            if (pipeline == null || status == null) {
                throw Violations.single(Violation.FIELD_MISSING, String.join(".", path),
                        "Each entry needs pipeline_id and status_id.");
            }
            try {
                refs.add(new StatusRef(Long.parseLong(pipeline.trim()), Long.parseLong(status.trim())));
            } catch (NumberFormatException e) {
                throw Violations.single(Violation.INVALID_TYPE, String.join(".", path), "This value should be of type int.");
            }
        }
        return refs;
    }

    /** {@code 1}, {@code 0}, {@code true} or {@code false}; null when absent. */
    static Boolean flag(QueryParams params, String... path) {
        String value = params.first(path);
        if (value == null) {
            return null;
        }
        return "1".equals(value) || "true".equalsIgnoreCase(value) || "Y".equalsIgnoreCase(value);
    }
}
