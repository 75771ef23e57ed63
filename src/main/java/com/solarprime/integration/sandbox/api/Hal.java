package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.store.PageRequest;
import com.solarprime.integration.sandbox.store.Slice;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Kommo's response conventions: {@code application/hal+json}, {@code _page}/{@code _links}/{@code _embedded}, 204 for nothing. */
final class Hal {

    static final MediaType HAL_JSON = MediaType.parseMediaType("application/hal+json");

    private Hal() {
    }

    static ResponseEntity<byte[]> ok(JsonNode body) {
        return ResponseEntity.ok().contentType(HAL_JSON).body(bytes(body));
    }

    /** An empty list or a search miss: 204 with no body at all, never {@code 200 []}. */
    static ResponseEntity<byte[]> noContent() {
        return ResponseEntity.noContent().build();
    }

    /**
     * A page of a list: {@code _page}, {@code _links.self}, {@code _links.next} (absent on the last page),
     * {@code _links.first} and {@code _links.prev} after page 1, and the items under {@code _embedded.{key}}; 204 when the page is empty.
     */
    static ResponseEntity<byte[]> page(HttpServletRequest request, String key, Slice<?> slice, PageRequest page,
                                       List<ObjectNode> items) {
        return items.isEmpty() ? noContent() : ok(pageBody(request, key, slice, page, items));
    }

    static ObjectNode pageBody(HttpServletRequest request, String key, Slice<?> slice, PageRequest page,
                               List<ObjectNode> items) {
        ObjectNode body = SandboxJson.object().put("_page", page.page());
        ObjectNode links = body.putObject("_links");
        links.putObject("self").put("href", pageHref(request, page.page()));
        if (slice.hasNext()) {
            links.putObject("next").put("href", pageHref(request, page.page() + 1));
        }
        if (page.page() > 1) {
            links.putObject("first").put("href", pageHref(request, 1));
            links.putObject("prev").put("href", pageHref(request, page.page() - 1));
        }
        ArrayNode array = body.putObject("_embedded").putArray(key);
        items.forEach(array::add);
        return body;
    }

    /** A list Kommo does not page ({@code pipelines}, {@code webhooks}): {@code _total_items} instead of {@code _page}. */
    static ResponseEntity<byte[]> all(Links links, String selfPath, String key, List<ObjectNode> items) {
        if (items.isEmpty()) {
            return noContent();
        }
        return ok(collection(links, selfPath, key, items));
    }

    static ObjectNode collection(Links links, String selfPath, String key, List<ObjectNode> items) {
        ObjectNode body = SandboxJson.object().put("_total_items", items.size());
        body.set("_links", links.self(selfPath));
        ArrayNode array = body.putObject("_embedded").putArray(key);
        items.forEach(array::add);
        return body;
    }

    /** The request's own URL with {@code page} replaced: other parameters, filters included, are kept. */
    private static String pageHref(HttpServletRequest request, int page) {
        String base = ServletUriComponentsBuilder.fromRequestUri(request).toUriString();
        List<String> params = new ArrayList<>();
        String query = request.getQueryString();
        if (query != null) {
            for (String param : query.split("&")) {
                if (!param.isEmpty() && !param.equals("page") && !param.startsWith("page=")) {
                    params.add(param);
                }
            }
        }
        params.add("page=" + page);
        return base + "?" + String.join("&", params);
    }

    private static byte[] bytes(JsonNode body) {
        return SandboxJson.write(body).getBytes(StandardCharsets.UTF_8);
    }
}
