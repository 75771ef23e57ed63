package com.solarprime.integration.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.stereotype.Component;

/**
 * Where each dead letter can be replayed, by its payload reference first: {@code inbox:<id>} and
 * {@code stage_history:<id>} name a work row, which goes back to its queue (its worker does the rest). Without such a
 * reference, the payload can only be sent again to the route that received the exchange, and only when that route
 * starts from a {@code direct:} endpoint: one started by an HTTP request or a timer has no endpoint to send to (the
 * caller's retry or the next run does the work again).
 */
@Component
public class ReplayTargets {

    /** The work tables a reference may name, and the row. */
    private static final Pattern REFERENCE = Pattern.compile("(inbox|stage_history):(\\d+)");

    private final CamelContext camel;

    public ReplayTargets(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * @param routeId the route the exchange failed in
     * @param fromRouteId the route that received it (older dead letters do not say: the failing route then)
     */
    public ReplayTarget of(String payloadRef, String routeId, String fromRouteId) {
        if (payloadRef != null) {
            Matcher reference = REFERENCE.matcher(payloadRef.strip());
            if (reference.matches()) {
                return ReplayTarget.queue(reference.group(1), Long.parseLong(reference.group(2)));
            }
        }
        String receiving = fromRouteId != null ? fromRouteId : routeId;
        Route route = receiving == null ? null : camel.getRoute(receiving);
        if (route == null) {
            return ReplayTarget.none("route " + receiving + " does not exist (any more): nothing to send it to");
        }
        String uri = route.getEndpoint().getEndpointUri();
        if (uri.startsWith("direct:")) {
            return ReplayTarget.route(uri);
        }
        String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : uri;
        return ReplayTarget.none("route " + receiving + " starts from " + scheme + " (a request or a timer), which "
                + "cannot be sent to, and the payload names no work row: the caller's retry or the route's next run does "
                + "the work again");
    }
}
