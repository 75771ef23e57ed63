package com.solarprime.integration.sandbox.api;

import com.solarprime.integration.sandbox.crm.Violation;
import com.solarprime.integration.sandbox.crm.Violations;
import com.solarprime.integration.sandbox.store.PageRequest;
import com.solarprime.integration.sandbox.store.Range;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query parameters read the way PHP reads them, since that is how Kommo's clients write them:
 * {@code filter[statuses][0][pipeline_id]=1}, {@code filter[id][]=1&filter[id][]=2} and
 * {@code filter[id]=1,2} all become the same tree.
 */
final class QueryParams {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 250;

    private final Map<String, Object> root = new LinkedHashMap<>();

    private QueryParams(Map<String, String[]> parameters) {
        parameters.forEach(this::insert);
    }

    static QueryParams of(HttpServletRequest request) {
        return new QueryParams(request.getParameterMap());
    }

    /** The first value at a path, or null. */
    String first(String... path) {
        List<String> values = values(path);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every value at a path: a comma list, repeated or indexed parameters, flattened. */
    List<String> values(String... path) {
        List<String> out = new ArrayList<>();
        collect(node(path), out);
        return out;
    }

    /** The values at a path as ids; null when the parameter is absent (no filter). */
    List<Long> longs(String... path) {
        if (node(path) == null) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (String value : values(path)) {
            out.add(parseLong(value, path));
        }
        return out;
    }

    List<Integer> ints(String... path) {
        List<Long> longs = longs(path);
        return longs == null ? null : longs.stream().map(Long::intValue).toList();
    }

    /** {@code [from]}/{@code [to]}, or {@code from,to}, or a single value meaning "from". */
    Range range(String... path) {
        Object node = node(path);
        if (node == null) {
            return null;
        }
        if (node instanceof Map<?, ?> map) {
            String from = leaf(map.get("from"));
            String to = leaf(map.get("to"));
            return new Range(from == null ? null : parseLong(from, path), to == null ? null : parseLong(to, path));
        }
        List<String> values = values(path);
        if (values.isEmpty()) {
            return null;
        }
        return new Range(parseLong(values.get(0), path), values.size() > 1 ? parseLong(values.get(1), path) : null);
    }

    /** The indexed entries under a path, each as its own field map ({@code filter[statuses][N][...]}). */
    List<Map<String, String>> entries(String... path) {
        List<Map<String, String>> out = new ArrayList<>();
        if (node(path) instanceof Map<?, ?> map) {
            map.values().forEach(entry -> {
                if (entry instanceof Map<?, ?> fields) {
                    Map<String, String> flat = new LinkedHashMap<>();
                    fields.forEach((k, v) -> flat.put(String.valueOf(k), leaf(v)));
                    out.add(flat);
                }
            });
        }
        return out;
    }

    /** The named leaves under a path ({@code order[created_at]=desc} → {@code {created_at=desc}}). */
    Map<String, String> fields(String... path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node(path) instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String value = leaf(v);
                if (value != null) {
                    out.put(String.valueOf(k), value);
                }
            });
        }
        return out;
    }

    /** The {@code with} list ({@code with=contacts,loss_reason}). */
    List<String> with() {
        return values("with");
    }

    boolean has(String... path) {
        return node(path) != null;
    }

    /** {@code page} from 1, {@code limit} up to 250 (default 50); anything else is a 400, as in Kommo. */
    PageRequest page() {
        int page = bounded("page", 1, Integer.MAX_VALUE, 1);
        int limit = bounded("limit", DEFAULT_LIMIT, MAX_LIMIT, 1);
        return new PageRequest(page, limit);
    }

    private int bounded(String name, int fallback, int max, int min) {
        String value = first(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long parsed = parseLong(value, name);
        if (parsed > max) {
            throw Violations.single(Violation.TOO_MANY, name, "This value should be " + max + " or less.");
        }
        if (parsed < min) {
            throw Violations.single(Violation.INVALID_TYPE, name, "This value should be " + min + " or more.");
        }
        return (int) parsed;
    }

    private static long parseLong(String value, String... path) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw Violations.single(Violation.INVALID_TYPE, String.join(".", path), "This value should be of type int.");
        }
    }

    private Object node(String... path) {
        Object node = root;
        for (String segment : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(segment);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private void insert(String name, String[] values) {
        List<String> segments = segments(name);
        Map<String, Object> node = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            String key = segments.get(i).isEmpty() ? String.valueOf(node.size()) : segments.get(i);
            Object child = node.get(key);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(key, child);
            }
            node = (Map<String, Object>) child;
        }
        String last = segments.get(segments.size() - 1);
        if (last.isEmpty()) {
            for (String value : values) {
                node.put(String.valueOf(node.size()), new ArrayList<>(List.of(value)));
            }
        } else {
            node.put(last, new ArrayList<>(List.of(values)));
        }
    }

    /** {@code filter[a][b][]} → {@code [filter, a, b, ""]}. */
    private static List<String> segments(String name) {
        List<String> segments = new ArrayList<>();
        int open = name.indexOf('[');
        if (open <= 0 || !name.endsWith("]")) {
            segments.add(name);
            return segments;
        }
        segments.add(name.substring(0, open));
        int at = open;
        while (at < name.length() && name.charAt(at) == '[') {
            int close = name.indexOf(']', at);
            if (close < 0) {
                break;
            }
            segments.add(name.substring(at + 1, close));
            at = close + 1;
        }
        return segments;
    }

    private static void collect(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(child -> collect(child, out));
        } else if (node instanceof List<?> list) {
            for (Object value : list) {
                for (String part : String.valueOf(value).split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
    }

    private static String leaf(Object node) {
        if (node instanceof List<?> list && !list.isEmpty()) {
            return String.valueOf(list.get(0));
        }
        return null;
    }
}
