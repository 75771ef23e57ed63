package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.crm.CustomFieldService;
import com.solarprime.integration.sandbox.store.CustomField;
import com.solarprime.integration.sandbox.store.CustomFieldStore;
import com.solarprime.integration.sandbox.store.PageRequest;
import com.solarprime.integration.sandbox.store.Slice;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Custom fields of leads and contacts ({@code /leads/custom_fields}, {@code /contacts/custom_fields}). */
@RestController
@RequestMapping(SandboxPaths.API + "/{entity:leads|contacts}/custom_fields")
@ConditionalOnSandbox
public class CustomFieldController {

    private final SandboxProperties props;
    private final CustomFieldStore fields;
    private final CustomFieldService service;

    public CustomFieldController(SandboxProperties props, CustomFieldStore fields, CustomFieldService service) {
        this.props = props;
        this.fields = fields;
        this.service = service;
    }

    /** Paged like Kommo's, with {@code _total_items} and {@code _page_count} besides {@code _page}. */
    @GetMapping
    public ResponseEntity<byte[]> list(@PathVariable String entity, HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        PageRequest page = QueryParams.of(request).page();
        Slice<CustomField> slice = fields.page(entity, page);
        List<ObjectNode> items = slice.items().stream().map(view::customField).toList();
        if (items.isEmpty()) {
            return Hal.noContent();
        }
        int total = fields.count(entity);
        ObjectNode body = SandboxJson.object()
                .put("_total_items", total)
                .put("_page", page.page())
                .put("_page_count", (total + page.limit() - 1) / page.limit());
        body.setAll(Hal.pageBody(request, "custom_fields", slice, page, items));
        return Hal.ok(body);
    }

    @GetMapping("/{id:\\d+}")
    public ResponseEntity<byte[]> one(@PathVariable String entity, @PathVariable long id, HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        return fields.find(entity, id).map(f -> Hal.ok(view.customField(f))).orElseGet(Hal::noContent);
    }

    @PatchMapping
    public ResponseEntity<byte[]> update(@PathVariable String entity, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        List<ObjectNode> items = service.update(entity, Bodies.json(body)).stream()
                .map(w -> view.customField(w.entity()).put("request_id", w.requestId())).toList();
        return Hal.ok(Hal.collection(view.links(), "/" + entity + "/custom_fields", "custom_fields", items));
    }

    @PatchMapping("/{id:\\d+}")
    public ResponseEntity<byte[]> updateOne(@PathVariable String entity, @PathVariable long id,
                                            @RequestBody(required = false) String body, HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        return Hal.ok(view.customField(service.updateOne(entity, id, Bodies.json(body))));
    }

    @PostMapping
    public ResponseEntity<byte[]> create(@PathVariable String entity, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        List<ObjectNode> items = service.create(entity, Bodies.json(body)).stream()
                .map(w -> view.customField(w.entity()).put("request_id", w.requestId())).toList();
        return Hal.ok(Hal.collection(view.links(), "/" + entity + "/custom_fields", "custom_fields", items));
    }
}
