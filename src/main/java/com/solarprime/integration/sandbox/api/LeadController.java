package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.crm.LeadService;
import com.solarprime.integration.sandbox.crm.LinkService;
import com.solarprime.integration.sandbox.crm.Written;
import com.solarprime.integration.sandbox.store.Lead;
import com.solarprime.integration.sandbox.store.LeadContact;
import com.solarprime.integration.sandbox.store.LeadQuery;
import com.solarprime.integration.sandbox.store.LeadStore;
import com.solarprime.integration.sandbox.store.LinkStore;
import com.solarprime.integration.sandbox.store.Order;
import com.solarprime.integration.sandbox.store.PageRequest;
import com.solarprime.integration.sandbox.store.Slice;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Leads: list with filters, get, create, update, complex creation and links to contacts. */
@RestController
@RequestMapping(SandboxPaths.API + "/leads")
@ConditionalOnSandbox
public class LeadController {

    private final SandboxProperties props;
    private final LeadStore leads;
    private final LinkStore links;
    private final LeadService service;
    private final LinkService linkService;

    public LeadController(SandboxProperties props, LeadStore leads, LinkStore links, LeadService service,
                          LinkService linkService) {
        this.props = props;
        this.leads = leads;
        this.links = links;
        this.service = service;
        this.linkService = linkService;
    }

    @GetMapping
    public ResponseEntity<byte[]> list(HttpServletRequest request) {
        Representations view = view(request);
        QueryParams params = QueryParams.of(request);
        PageRequest page = params.page();
        List<String> with = params.with();
        String query = params.first("query");
        LeadQuery q = new LeadQuery(query == null || query.isBlank() ? null : query.trim(),
                params.longs("filter", "id"),
                params.range("filter", "created_at"),
                params.range("filter", "updated_at"),
                params.range("filter", "closed_at"),
                Filters.statuses(params, "filter", "statuses"),
                params.longs("filter", "pipeline_id"),
                params.longs("filter", "responsible_user_id"),
                with.contains("only_deleted"),
                Filters.order(params, LeadStore.ORDER_FIELDS, new Order("id", false)));
        Slice<Lead> slice = leads.query(q, page);
        Map<Long, List<LeadContact>> contacts = with.contains("contacts")
                ? links.contactsOf(slice.items().stream().map(Lead::id).toList()) : null;
        List<ObjectNode> items = slice.items().stream()
                .map(l -> view.lead(l, contacts == null ? null : contacts.getOrDefault(l.id(), List.of())))
                .toList();
        return Hal.page(request, "leads", slice, page, items);
    }

    /** An unknown or deleted lead answers 204, as Kommo's GET by id does. */
    @GetMapping("/{id:\\d+}")
    public ResponseEntity<byte[]> one(@PathVariable long id, HttpServletRequest request) {
        Representations view = view(request);
        boolean withContacts = QueryParams.of(request).with().contains("contacts");
        Optional<Lead> lead = leads.find(id);
        if (lead.isEmpty()) {
            return Hal.noContent();
        }
        List<LeadContact> contacts = withContacts ? links.contactsOf(List.of(id)).getOrDefault(id, List.of()) : null;
        return Hal.ok(view.lead(lead.get(), contacts));
    }

    @PostMapping
    public ResponseEntity<byte[]> create(@RequestBody(required = false) String body, HttpServletRequest request) {
        Representations view = view(request);
        List<Written<Lead>> created = service.create(Bodies.json(body));
        return Hal.ok(view.written("leads", created, Lead::id, Lead::updatedAt, false));
    }

    @PatchMapping
    public ResponseEntity<byte[]> update(@RequestBody(required = false) String body, HttpServletRequest request) {
        Representations view = view(request);
        List<Written<Lead>> updated = service.update(Bodies.json(body));
        return Hal.ok(view.written("leads", updated, Lead::id, Lead::updatedAt, true));
    }

    @PatchMapping("/{id:\\d+}")
    public ResponseEntity<byte[]> updateOne(@PathVariable long id, @RequestBody(required = false) String body,
                                            HttpServletRequest request) {
        Representations view = view(request);
        Lead lead = service.updateOne(id, Bodies.json(body));
        ObjectNode json = SandboxJson.object().put("id", lead.id()).put("updated_at", lead.updatedAt());
        json.set("_links", view.links().self("/leads/" + lead.id()));
        return Hal.ok(json);
    }

    /** The answer is a bare JSON array, one line per lead, not a HAL document. */
    @PostMapping("/complex")
    public ResponseEntity<byte[]> complex(@RequestBody(required = false) String body) {
        ArrayNode out = SandboxJson.array();
        for (LeadService.ComplexResult result : service.complex(Bodies.json(body))) {
            ObjectNode line = out.addObject().put("id", result.id()).put("contact_id", result.contactId());
            line.putNull("company_id");
            line.putArray("request_id").add(result.requestId());
            line.put("merged", false);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(SandboxJson.write(out).getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/{id:\\d+}/link")
    public ResponseEntity<byte[]> link(@PathVariable long id, @RequestBody(required = false) String body,
                                       HttpServletRequest request) {
        Representations view = view(request);
        List<ObjectNode> items = linkService.link(id, Bodies.json(body)).stream().map(LeadController::link).toList();
        return Hal.ok(Hal.collection(view.links(), "/leads/" + id + "/link", "links", items));
    }

    @PostMapping("/{id:\\d+}/unlink")
    public ResponseEntity<byte[]> unlink(@PathVariable long id, @RequestBody(required = false) String body) {
        linkService.unlink(id, Bodies.json(body));
        return Hal.noContent();
    }

    @GetMapping("/{id:\\d+}/links")
    public ResponseEntity<byte[]> links(@PathVariable long id, HttpServletRequest request) {
        Representations view = view(request);
        if (leads.find(id).isEmpty()) {
            return Hal.noContent();
        }
        List<ObjectNode> items = links.contactsOf(List.of(id)).getOrDefault(id, List.of()).stream()
                .map(LeadController::link).toList();
        return Hal.all(view.links(), "/leads/" + id + "/links", "links", items);
    }

    private static ObjectNode link(LeadContact link) {
        ObjectNode json = SandboxJson.object()
                .put("entity_id", link.leadId())
                .put("entity_type", "leads")
                .put("to_entity_id", link.contactId())
                .put("to_entity_type", "contacts");
        json.putObject("metadata").put("main_contact", link.isMain());
        return json;
    }


    private Representations view(HttpServletRequest request) {
        return new Representations(Links.of(request), props);
    }
}
