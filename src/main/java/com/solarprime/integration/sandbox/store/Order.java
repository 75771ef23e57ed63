package com.solarprime.integration.sandbox.store;

import java.util.Set;

/** {@code order[field]=asc|desc}, limited to the columns a list allows. */
public record Order(String column, boolean descending) {

    public static Order of(String field, String direction, Set<String> allowed, Order fallback) {
        if (field == null || !allowed.contains(field)) {
            return fallback;
        }
        return new Order(field, "desc".equalsIgnoreCase(direction));
    }

    String sql(String alias) {
        String dir = descending ? " DESC" : " ASC";
        return " ORDER BY " + alias + column + dir + ", " + alias + "id" + dir;
    }
}
