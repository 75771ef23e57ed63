package com.solarprime.integration.kommo.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one shape both delivery formats take: nested maps of strings, keyed in arrival order. A PHP-style form
 * key {@code leads[status][0][id]} and the JSON {@code {"leads":{"status":[{"id":..}]}}} give the same tree,
 * so everything after parsing, the dedupe key included, is independent of the format.
 */
final class DeliveryTree {

    /** Top-level names are Kommo's entity names; anything else (HTML, prose) is not a delivery. */
    private static final Pattern KEY = Pattern.compile("([A-Za-z0-9_.\\-]+)((?:\\[[^\\[\\]]*\\])*)");
    private static final Pattern SEGMENT = Pattern.compile("\\[([^\\[\\]]*)\\]");
    /** Form encoding escapes whitespace and control characters; raw ones mean the body is something else. */
    private static final Pattern RAW_WHITESPACE = Pattern.compile("[\\s\\p{Cntrl}]");

    private DeliveryTree() {
    }

    /** Parses {@code application/x-www-form-urlencoded}; later duplicates win, as in PHP. */
    static Map<String, Object> fromForm(String body) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0 || RAW_WHITESPACE.matcher(pair).find()) {
                throw notADelivery();
            }
            put(root, path(decode(pair.substring(0, equals))), decode(pair.substring(equals + 1)));
        }
        if (root.isEmpty()) {
            throw notADelivery();
        }
        return frozen(root);
    }

    /** Arrays become maps keyed "0", "1", ... like form indexes; nulls are left out, scalars become their text. */
    static Map<String, Object> fromJson(JsonNode object) {
        return frozen(objectOf(object));
    }

    /** SHA-256 (hex) of the tree with keys sorted: equal for equal content whatever the order or encoding. */
    static String dedupeKey(Map<String, Object> tree) {
        StringBuilder canonical = new StringBuilder();
        writeCanonical(tree, canonical);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    static InvalidDeliveryException notADelivery() {
        return new InvalidDeliveryException("neither form-encoded nor JSON");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notADelivery();
        }
    }

    private static List<String> path(String key) {
        Matcher matcher = KEY.matcher(key);
        if (!matcher.matches()) {
            throw notADelivery();
        }
        List<String> path = new ArrayList<>();
        path.add(matcher.group(1));
        Matcher segment = SEGMENT.matcher(matcher.group(2));
        while (segment.find()) {
            path.add(segment.group(1));
        }
        return path;
    }

    private static void put(Map<String, Object> root, List<String> path, String value) {
        Map<String, Object> node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String key = resolve(node, path.get(i));
            Object child = node.get(key);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(key, child);
            }
            node = asMap(child);
        }
        node.put(resolve(node, path.get(path.size() - 1)), value);
    }

    /** An empty segment ({@code []}) appends, as PHP does. */
    private static String resolve(Map<String, Object> node, String segment) {
        return segment.isEmpty() ? String.valueOf(node.size()) : segment;
    }

    private static Map<String, Object> objectOf(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                putJson(map, String.valueOf(i), node.get(i));
            }
        } else {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                putJson(map, field.getKey(), field.getValue());
            }
        }
        return map;
    }

    private static void putJson(Map<String, Object> map, String key, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        map.put(key, value.isContainerNode() ? objectOf(value) : value.asText());
    }

    private static Map<String, Object> frozen(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, value instanceof Map ? frozen(asMap(value)) : value));
        return Collections.unmodifiableMap(copy);
    }

    private static void writeCanonical(Object node, StringBuilder out) {
        if (node instanceof String text) {
            quote(text, out);
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : new TreeMap<>(asMap(node)).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(entry.getKey(), out);
            out.append(':');
            writeCanonical(entry.getValue(), out);
        }
        out.append('}');
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object node) {
        return (Map<String, Object>) node;
    }
}
