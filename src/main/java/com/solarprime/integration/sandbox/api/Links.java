package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.SandboxPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Absolute {@code _links} hrefs built from the address the caller used, as Kommo's are. */
final class Links {

    private final String apiBase;

    private Links(String apiBase) {
        this.apiBase = apiBase;
    }

    static Links of(HttpServletRequest request) {
        return new Links(ServletUriComponentsBuilder.fromContextPath(request).path(SandboxPaths.API).toUriString());
    }

    String api(String path) {
        return apiBase + path;
    }

    /** {@code {"self":{"href":...}}} */
    ObjectNode self(String path) {
        ObjectNode links = SandboxJson.object();
        links.putObject("self").put("href", api(path));
        return links;
    }
}
