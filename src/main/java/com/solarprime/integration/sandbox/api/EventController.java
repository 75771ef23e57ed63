package com.solarprime.integration.sandbox.api;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.store.Event;
import com.solarprime.integration.sandbox.store.EventQuery;
import com.solarprime.integration.sandbox.store.EventStore;
import com.solarprime.integration.sandbox.store.PageRequest;
import com.solarprime.integration.sandbox.store.Slice;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The account's event log: what reconciliation reads when webhooks were lost. Newest first unless ordered. */
@RestController
@RequestMapping(SandboxPaths.API + "/events")
@ConditionalOnSandbox
public class EventController {

    private final SandboxProperties props;
    private final EventStore events;

    public EventController(SandboxProperties props, EventStore events) {
        this.props = props;
        this.events = events;
    }

    @GetMapping
    public ResponseEntity<byte[]> list(HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        QueryParams params = QueryParams.of(request);
        PageRequest page = params.page();
        String order = params.fields("order").getOrDefault("created_at", params.fields("order").get("id"));
        EventQuery q = new EventQuery(
                params.has("filter", "id") ? params.values("filter", "id") : null,
                params.has("filter", "type") ? params.values("filter", "type") : null,
                entityTypes(params),
                params.longs("filter", "entity_id"),
                params.longs("filter", "created_by"),
                params.range("filter", "created_at"),
                Filters.statuses(params, "filter", "value_after", "leads_statuses"),
                Filters.statuses(params, "filter", "value_before", "leads_statuses"),
                "asc".equalsIgnoreCase(order));
        Slice<Event> slice = events.query(q, page);
        return Hal.page(request, "events", slice, page, slice.items().stream().map(view::event).toList());
    }

    @GetMapping("/{id:[0-9a-z]{26}}")
    public ResponseEntity<byte[]> one(@PathVariable String id, HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        return events.find(id).map(e -> Hal.ok(view.event(e))).orElseGet(Hal::noContent);
    }

    /** {@code lead} and {@code leads} both name lead events (entity_type is stored singular, as Kommo reports it). */
    private static List<String> entityTypes(QueryParams params) {
        if (!params.has("filter", "entity")) {
            return null;
        }
        return params.values("filter", "entity").stream()
                .map(e -> e.endsWith("s") ? e.substring(0, e.length() - 1) : e)
                .toList();
    }
}
