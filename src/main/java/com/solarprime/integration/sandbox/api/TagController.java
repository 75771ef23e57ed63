package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.crm.EntityInput;
import com.solarprime.integration.sandbox.crm.Violation;
import com.solarprime.integration.sandbox.crm.Violations;
import com.solarprime.integration.sandbox.store.PageRequest;
import com.solarprime.integration.sandbox.store.Slice;
import com.solarprime.integration.sandbox.store.Tag;
import com.solarprime.integration.sandbox.store.TagStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tag lists of leads and contacts ({@code /leads/tags}). */
@RestController
@RequestMapping(SandboxPaths.API + "/{entity:leads|contacts}/tags")
@ConditionalOnSandbox
public class TagController {

    private final SandboxProperties props;
    private final TagStore tags;

    public TagController(SandboxProperties props, TagStore tags) {
        this.props = props;
        this.tags = tags;
    }

    @GetMapping
    public ResponseEntity<byte[]> list(@PathVariable String entity, HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        QueryParams params = QueryParams.of(request);
        PageRequest page = params.page();
        String query = params.first("query");
        Slice<Tag> slice = tags.page(entity, query == null || query.isBlank() ? null : query.trim(), page);
        List<ObjectNode> items = slice.items().stream().map(t -> view.tag(t, entity)).toList();
        return Hal.page(request, "tags", slice, page, items);
    }

    @PostMapping
    public ResponseEntity<byte[]> create(@PathVariable String entity, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        Violations violations = new Violations();
        List<EntityInput> inputs = EntityInput.batch(Bodies.json(body), 250, violations);
        List<EntityInput> valid = new ArrayList<>();
        for (EntityInput in : inputs) {
            in.allowOnly(Set.of("name", "color", "request_id"));
            JsonNode name = in.raw("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                in.violation(Violation.FIELD_MISSING, "name", "This field is missing.");
            } else {
                valid.add(in);
            }
        }
        violations.throwIfAny();
        List<ObjectNode> items = valid.stream()
                .map(in -> view.tag(tags.byName(entity, in.raw("name").asText()), entity).put("request_id", in.requestId()))
                .toList();
        return Hal.ok(Hal.collection(view.links(), "/" + entity + "/tags", "tags", items));
    }
}
