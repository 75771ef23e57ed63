package com.solarprime.integration.sandbox.webhook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body with PHP-style nested keys, encoded the way PHP's
 * {@code http_build_query} does it ({@code leads%5Bstatus%5D%5B0%5D%5Bid%5D=...}), which is what Kommo sends.
 */
final class FormBody {

    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    FormBody add(String key, Object value) {
        fields.add(Map.entry(key, value == null ? "" : String.valueOf(value)));
        return this;
    }

    /** Writes keys under {@code root}: {@code at("leads", "status", "0").add("id", 1)} → {@code leads[status][0][id]=1}. */
    Prefix at(String root, String... segments) {
        return new Prefix(root).at(segments);
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    String encode() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> field : fields) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** A position in the nested key space. */
    final class Prefix {

        private final String key;

        private Prefix(String key) {
            this.key = key;
        }

        Prefix at(String... segments) {
            StringBuilder nested = new StringBuilder(key);
            for (String segment : segments) {
                nested.append('[').append(segment).append(']');
            }
            return new Prefix(nested.toString());
        }

        Prefix at(String segment, int index) {
            return at(segment, String.valueOf(index));
        }

        Prefix add(String name, Object value) {
            FormBody.this.add(key + "[" + name + "]", value);
            return this;
        }
    }
}
