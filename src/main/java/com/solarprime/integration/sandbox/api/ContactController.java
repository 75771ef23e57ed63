package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.crm.ContactService;
import com.solarprime.integration.sandbox.store.Contact;
import com.solarprime.integration.sandbox.store.ContactQuery;
import com.solarprime.integration.sandbox.store.ContactStore;
import com.solarprime.integration.sandbox.store.LeadContact;
import com.solarprime.integration.sandbox.store.LinkStore;
import com.solarprime.integration.sandbox.store.Order;
import com.solarprime.integration.sandbox.store.PageRequest;
import com.solarprime.integration.sandbox.store.Slice;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Contacts: search by name, phone or e-mail ({@code query}), get, create, update. */
@RestController
@RequestMapping(SandboxPaths.API + "/contacts")
@ConditionalOnSandbox
public class ContactController {

    private final SandboxProperties props;
    private final ContactStore contacts;
    private final LinkStore links;
    private final ContactService service;

    public ContactController(SandboxProperties props, ContactStore contacts, LinkStore links, ContactService service) {
        this.props = props;
        this.contacts = contacts;
        this.links = links;
        this.service = service;
    }

    /** A search miss answers 204 with no body. */
    @GetMapping
    public ResponseEntity<byte[]> list(HttpServletRequest request) {
        Representations view = view(request);
        QueryParams params = QueryParams.of(request);
        PageRequest page = params.page();
        String query = params.first("query");
        ContactQuery q = new ContactQuery(query == null || query.isBlank() ? null : query.trim(),
                params.longs("filter", "id"),
                params.range("filter", "created_at"),
                params.range("filter", "updated_at"),
                params.longs("filter", "responsible_user_id"),
                Filters.order(params, ContactStore.ORDER_FIELDS, new Order("id", false)));
        Slice<Contact> slice = contacts.query(q, page);
        Map<Long, List<LeadContact>> leads = params.with().contains("leads")
                ? links.leadsOf(slice.items().stream().map(Contact::id).toList()) : null;
        List<ObjectNode> items = slice.items().stream()
                .map(c -> view.contact(c, leads == null ? null : leads.getOrDefault(c.id(), List.of())))
                .toList();
        return Hal.page(request, "contacts", slice, page, items);
    }

    @GetMapping("/{id:\\d+}")
    public ResponseEntity<byte[]> one(@PathVariable long id, HttpServletRequest request) {
        Representations view = view(request);
        Optional<Contact> contact = contacts.find(id);
        if (contact.isEmpty()) {
            return Hal.noContent();
        }
        List<LeadContact> leads = QueryParams.of(request).with().contains("leads")
                ? links.leadsOf(List.of(id)).getOrDefault(id, List.of()) : null;
        return Hal.ok(view.contact(contact.get(), leads));
    }

    @PostMapping
    public ResponseEntity<byte[]> create(@RequestBody(required = false) String body, HttpServletRequest request) {
        return Hal.ok(view(request).written("contacts", service.create(Bodies.json(body)), Contact::id, Contact::updatedAt, false));
    }

    @PatchMapping
    public ResponseEntity<byte[]> update(@RequestBody(required = false) String body, HttpServletRequest request) {
        return Hal.ok(view(request).written("contacts", service.update(Bodies.json(body)), Contact::id, Contact::updatedAt, true));
    }

    @PatchMapping("/{id:\\d+}")
    public ResponseEntity<byte[]> updateOne(@PathVariable long id, @RequestBody(required = false) String body,
                                            HttpServletRequest request) {
        Representations view = view(request);
        Contact contact = service.updateOne(id, Bodies.json(body));
        ObjectNode json = SandboxJson.object().put("id", contact.id()).put("updated_at", contact.updatedAt());
        json.set("_links", view.links().self("/contacts/" + contact.id()));
        return Hal.ok(json);
    }


    private Representations view(HttpServletRequest request) {
        return new Representations(Links.of(request), props);
    }
}
