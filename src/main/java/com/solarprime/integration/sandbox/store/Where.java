package com.solarprime.integration.sandbox.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds the WHERE clause of a filtered list from optional conditions, with named parameters. */
final class Where {

    private final StringBuilder sql = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private boolean impossible;

    /** Adds a condition whose {@code ?} placeholders take {@code values} in order. */
    Where and(String condition, Object... values) {
        StringBuilder clause = new StringBuilder();
        int next = 0;
        for (char c : condition.toCharArray()) {
            if (c == '?') {
                String name = "p" + params.size();
                params.put(name, values[next++]);
                clause.append(':').append(name);
            } else {
                clause.append(c);
            }
        }
        sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(clause);
        return this;
    }

    Where andIf(boolean present, String condition, Object... values) {
        return present ? and(condition, values) : this;
    }

    /** {@code column IN (...)}; an empty filter list matches nothing, as an id filter with no ids does. */
    Where in(String column, Collection<?> values) {
        if (values == null) {
            return this;
        }
        if (values.isEmpty()) {
            impossible = true;
            return this;
        }
        return and(column + " IN (?)", values);
    }

    Where range(String column, Range range) {
        if (range == null) {
            return this;
        }
        andIf(range.from() != null, column + " >= ?", range.from());
        return andIf(range.to() != null, column + " <= ?", range.to());
    }

    boolean matchesNothing() {
        return impossible;
    }

    String sql() {
        return sql.toString();
    }

    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        params.forEach(statement::param);
        return statement;
    }

    /** Escapes LIKE wildcards in user input. */
    static String likeContains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
