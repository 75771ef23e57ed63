package com.solarprime.integration.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The endpoints a running process has, read from its own list (Spring Boot's {@code mappings} actuator endpoint: Spring
 * MVC's handler mappings, which include Camel's {@code platform-http} routes, registered there by Camel's Spring Boot
 * engine, and the static resource handlers), and the class each belongs to, which says how it must answer a caller
 * without credentials or with wrong ones. The classes are RELIABILITY.md's "Auth per endpoint class" table; an endpoint
 * that fits none fails the auth matrix, so a new one cannot go unclassified.
 */
final class Endpoints {

    /** One path pattern and one method, as the process lists it, with its path variables filled. */
    record Endpoint(String pattern, String method, String path, Kind kind) {
        @Override
        public String toString() {
            return method + " " + pattern + " (" + kind + ")";
        }
    }

    /** Endpoint classes, first match wins; the expectations are RELIABILITY.md's. */
    enum Kind {
        /** Public health and probes: answered to anyone (200 UP, 503 DOWN), details to the admin only. */
        HEALTH("^/actuator/health(/.*)?$"),
        /** The console's login form: public, a wrong password goes back to the form. */
        LOGIN("^/ops/login$"),
        /** The admin: /ops, actuator, Kommo connection, the sandbox's page, controls and WhatsApp simulator. */
        ADMIN("^/ops(/.*)?$|^/actuator(/.*)?$|^/auth/(kommo|status)(/.*)?$|^/sandbox/kommo/(ui|_admin)(/.*)?$"
                + "|^/sandbox/whatsapp(/.*)?$"),
        /** The integration API: the X-Api-Key header. */
        API("^/api/.*$"),
        /** Webhooks: their own secret (Kommo: path segment; Evolution: shared secret or JWT; Meta: HMAC signature). */
        WEBHOOK("^/webhooks/.*$"),
        /** Kommo's OAuth redirect: its single-use state is the secret; without a known state nothing is stored. */
        OAUTH_CALLBACK("^/auth/callback$"),
        /** The Kommo sandbox's API (sandbox mode only): Kommo's bearer token. */
        SANDBOX_API("^/sandbox/kommo/api/.*$"),
        /** The Kommo sandbox's OAuth endpoints (sandbox mode only): consent page and token grant (client secret). */
        SANDBOX_OAUTH("^/sandbox/kommo/oauth2?(/.*)?$"),
        /** Static files (WebJars, the console's CSS and script) and Spring's error page: public, nothing to protect. */
        STATIC("^/webjars/.*$|^/(\\*\\*|error)$|^/ops-assets/.*$|^/console/.*$");

        final Pattern pattern;

        Kind(String regex) {
            this.pattern = Pattern.compile(regex);
        }

        static Kind of(String pattern) {
            for (Kind kind : values()) {
                if (kind.pattern.matcher(pattern).matches()) {
                    return kind;
                }
            }
            return null;
        }
    }

    private Endpoints() {
    }

    /** Every (pattern, method) the process at {@code base} lists; a pattern without methods takes GET and POST. */
    static List<Endpoint> of(ChaosCluster cluster, String base) throws Exception {
        HttpResponse<String> answer = cluster.send(cluster.admin(HttpRequest.newBuilder(URI.create(base + "/actuator/mappings")))
                .GET().build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("/actuator/mappings answered " + answer.statusCode());
        }
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (JsonNode context : ChaosCluster.JSON.readTree(answer.body()).path("contexts")) {
            for (JsonNode servlet : context.path("mappings").path("dispatcherServlets")) {
                for (JsonNode mapping : servlet) {
                    JsonNode conditions = mapping.path("details").path("requestMappingConditions");
                    List<String> patterns = new ArrayList<>();
                    List<String> methods = new ArrayList<>();
                    if (conditions.isMissingNode() || conditions.isNull()) {
                        String predicate = mapping.path("predicate").asText();
                        if (predicate.startsWith("/")) {
                            patterns.add(predicate);
                        }
                    } else {
                        conditions.path("patterns").forEach(p -> patterns.add(p.asText()));
                        conditions.path("methods").forEach(m -> methods.add(m.asText()));
                    }
                    if (methods.isEmpty()) {
                        methods.addAll(List.of("GET", "POST"));
                    }
                    for (String pattern : patterns) {
                        for (String method : methods) {
                            if (seen.add(method + " " + pattern)) {
                                endpoints.add(new Endpoint(pattern, method, fill(pattern), Kind.of(pattern)));
                            }
                        }
                    }
                }
            }
        }
        return endpoints;
    }

    /**
     * Path variables filled with values that name nothing ({@code 0}, or the first literal of a variable restricted to
     * alternatives such as {@code {entity:leads|contacts}}), wildcards with {@code x}.
     */
    static String fill(String pattern) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '{') {
                path.append(c);
                continue;
            }
            int depth = 1;
            int end = i + 1;
            while (depth > 0) {
                char d = pattern.charAt(end++);
                depth += d == '{' ? 1 : d == '}' ? -1 : 0;
            }
            String variable = pattern.substring(i + 1, end - 1);
            int colon = variable.indexOf(':');
            String regex = colon < 0 ? "" : variable.substring(colon + 1);
            path.append(regex.matches("[a-z_]+(\\|[a-z_]+)*") ? regex.split("\\|")[0] : "0");
            i = end - 1;
        }
        return path.toString().replace("/**", "/x").replace("*", "x");
    }
}
