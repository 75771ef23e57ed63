package com.solarprime.integration.kommo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code kommo-api} route that need code: preparing the HTTP request and judging Kommo's
 * answer. One {@link State} per call lives in an exchange property while the route loops over attempts
 * and pages.
 */
@Component("kommoCall")
public class KommoCall {

    public static final String STATE = "kommoCall";
    /** Exchange property holding the {@link KommoRequest} of an {@code enrich} step. */
    public static final String REQUEST = "kommoRequest";
    private static final Logger log = LoggerFactory.getLogger(KommoCall.class);

    private final KommoEndpoints endpoints;
    private final KommoTokenStore tokens;
    private final KommoGatewayState gatewayState;
    private final KommoGatewayProperties gateway;
    private final KommoMetrics metrics;
    private final ObjectMapper json;

    public KommoCall(KommoEndpoints endpoints, KommoTokenStore tokens, KommoGatewayState gatewayState,
                     KommoGatewayProperties gateway, KommoMetrics metrics, ObjectMapper json) {
        this.endpoints = endpoints;
        this.tokens = tokens;
        this.gatewayState = gatewayState;
        this.gateway = gateway;
        this.metrics = metrics;
        this.json = json;
    }

    /** Progress of one logical call: attempts, retries spent, pages gathered. */
    public static final class State {
        final KommoRequest request;
        String query;
        boolean pending = true;
        boolean refreshed;
        int rateLimited;
        String tokenUsed;
        JsonNode result;

        State(KommoRequest request, String query) {
            this.request = request;
            this.query = query;
        }

        public boolean isPending() {
            return pending;
        }
    }

    /**
     * The call is the exchange property {@value #REQUEST} when there is one (a flow's {@code enrich} step keeps
     * its own body), else the body.
     */
    public void begin(Exchange exchange) throws InvalidPayloadException {
        KommoRequest request = exchange.getProperty(REQUEST, KommoRequest.class);
        if (request == null) {
            request = exchange.getMessage().getMandatoryBody(KommoRequest.class);
        }
        exchange.removeProperty(REQUEST);
        exchange.setProperty(STATE, new State(request, encode(request.query())));
    }

    public void prepareHttp(Exchange exchange) throws JsonProcessingException {
        State state = state(exchange);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, state.request.method());
        message.setHeader(Exchange.HTTP_URI, endpoints.baseUrl() + state.request.path());
        message.setHeader(Exchange.HTTP_QUERY, state.query);
        message.setHeader("Accept", "application/json");
        if (state.request.authenticated()) {
            state.tokenUsed = tokens.accessToken();
            message.setHeader("Authorization", "Bearer " + state.tokenUsed);
        }
        if (state.request.body() == null) {
            message.setBody(null);
        } else {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(json.writeValueAsString(state.request.body()));
        }
    }

    /** Inside the circuit breaker: only a server-side failure counts against Kommo's health. */
    public void failOnServerError(Exchange exchange) {
        int status = status(exchange);
        if (status >= 500) {
            State state = state(exchange);
            metrics.call(state.request.method(), state.request.pathTemplate(), status);
            throw KommoException.serverError(status);
        }
    }

    public void onResponse(Exchange exchange) throws Exception {
        State state = state(exchange);
        int status = status(exchange);
        String body = exchange.getMessage().getBody(String.class);
        metrics.call(state.request.method(), state.request.pathTemplate(), status);
        if (status >= 200 && status < 300) {
            if (Boolean.TRUE.equals(exchange.getProperty(KommoGatewayState.PROBE))) {
                gatewayState.clear();
            }
            accept(state, body == null || body.isBlank() ? null : json.readTree(body));
        } else if (status == 401) {
            onUnauthorized(state, body);
        } else if (status == 429) {
            onRateLimited(state, body);
        } else if (status == 403 && isHtml(exchange)) {
            gatewayState.enterBlocked("HTTP 403 with an HTML page on " + state.request.method() + " "
                    + state.request.pathTemplate());
            throw KommoException.blocked("Kommo answered 403 with an HTML page");
        } else {
            throw KommoException.rejected(status, body);
        }
    }

    public void result(Exchange exchange) {
        State state = state(exchange);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(state.result);
    }

    private void accept(State state, JsonNode page) {
        if (state.result == null) {
            state.result = page;
        } else if (page != null) {
            merge(state.result, page);
        }
        String next = state.request.allPages() && page != null ? page.path("_links").path("next").path("href").asText(null) : null;
        if (next == null) {
            if (state.result instanceof ObjectNode object && object.path("_links").isObject()) {
                ((ObjectNode) object.get("_links")).remove("next");
            }
            state.pending = false;
        } else {
            state.query = URI.create(next).getRawQuery();
        }
    }

    private void onUnauthorized(State state, String body) {
        if (!state.request.authenticated() || tokens.isLongLived() || state.refreshed) {
            throw KommoException.unauthorized(KommoException.abbreviate(body));
        }
        state.refreshed = true;
        metrics.retry("unauthorized");
        log.info("Kommo answered 401 on {} {}: refreshing the token once", state.request.method(),
                state.request.pathTemplate());
        tokens.refresh(state.tokenUsed);
    }

    private void onRateLimited(State state, String body) throws InterruptedException {
        state.rateLimited++;
        metrics.retry("rate_limited");
        if (state.rateLimited > gateway.maxRateLimitRetries()) {
            throw KommoException.rateLimited(state.rateLimited);
        }
        long retryAfter = retryAfterSeconds(body);
        long waitMillis = Math.min(gateway.maxRetryAfter().toMillis(), Math.max(1, retryAfter) * 1000);
        log.warn("Kommo answered 429 on {} {}: waiting {} ms (attempt {})", state.request.method(),
                state.request.pathTemplate(), waitMillis, state.rateLimited);
        Thread.sleep(waitMillis);
    }

    private long retryAfterSeconds(String body) {
        try {
            return body == null ? 1 : json.readTree(body).path("retry_after").asLong(1);
        } catch (JsonProcessingException e) {
            return 1;
        }
    }

    /** Concatenates the {@code _embedded} lists of a further page onto the first page. */
    private static void merge(JsonNode first, JsonNode page) {
        JsonNode embedded = page.path("_embedded");
        Iterator<Map.Entry<String, JsonNode>> lists = embedded.fields();
        while (lists.hasNext()) {
            Map.Entry<String, JsonNode> list = lists.next();
            JsonNode target = first.path("_embedded").path(list.getKey());
            if (target instanceof ArrayNode array && list.getValue().isArray()) {
                array.addAll((ArrayNode) list.getValue());
            }
        }
    }

    private static boolean isHtml(Exchange exchange) {
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        return type != null && type.toLowerCase().contains("text/html");
    }

    private static int status(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    }

    private static State state(Exchange exchange) {
        return exchange.getProperty(STATE, State.class);
    }

    private static String encode(Map<String, String> query) {
        if (query.isEmpty()) {
            return null;
        }
        return query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
