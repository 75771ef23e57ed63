package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.crm.NoteService;
import com.solarprime.integration.sandbox.crm.Written;
import com.solarprime.integration.sandbox.store.Note;
import com.solarprime.integration.sandbox.store.NoteQuery;
import com.solarprime.integration.sandbox.store.NoteStore;
import com.solarprime.integration.sandbox.store.Order;
import com.solarprime.integration.sandbox.store.PageRequest;
import com.solarprime.integration.sandbox.store.Slice;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notes live under their entity type: {@code /leads/notes} (batch across leads, each with
 * {@code entity_id}) and {@code /leads/{id}/notes}. There is no {@code /api/v4/notes}.
 */
@RestController
@RequestMapping(SandboxPaths.API + "/{entity:leads|contacts}")
@ConditionalOnSandbox
public class NoteController {

    private final SandboxProperties props;
    private final NoteStore notes;
    private final NoteService service;

    public NoteController(SandboxProperties props, NoteStore notes, NoteService service) {
        this.props = props;
        this.notes = notes;
        this.service = service;
    }

    @GetMapping("/notes")
    public ResponseEntity<byte[]> list(@PathVariable String entity, HttpServletRequest request) {
        QueryParams params = QueryParams.of(request);
        return list(entity, params.longs("filter", "entity_id"), params, request);
    }

    @GetMapping("/{id:\\d+}/notes")
    public ResponseEntity<byte[]> listOf(@PathVariable String entity, @PathVariable long id, HttpServletRequest request) {
        return list(entity, List.of(id), QueryParams.of(request), request);
    }

    @GetMapping({"/notes/{noteId:\\d+}", "/{id:\\d+}/notes/{noteId:\\d+}"})
    public ResponseEntity<byte[]> one(@PathVariable String entity, @PathVariable long noteId, HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        return notes.find(entity, noteId).map(n -> Hal.ok(view.note(n))).orElseGet(Hal::noContent);
    }

    @PostMapping("/notes")
    public ResponseEntity<byte[]> create(@PathVariable String entity, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        return Hal.ok(written(request, entity, "/" + entity + "/notes", service.create(entity, null, Bodies.json(body))));
    }

    @PostMapping("/{id:\\d+}/notes")
    public ResponseEntity<byte[]> createFor(@PathVariable String entity, @PathVariable long id,
                                            @RequestBody(required = false) String body, HttpServletRequest request) {
        return Hal.ok(written(request, entity, "/" + entity + "/" + id + "/notes",
                service.create(entity, id, Bodies.json(body))));
    }

    private ResponseEntity<byte[]> list(String entity, List<Long> entityIds, QueryParams params, HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        PageRequest page = params.page();
        NoteQuery q = new NoteQuery(entity, entityIds, params.longs("filter", "id"), noteTypes(params),
                params.range("filter", "updated_at"),
                Filters.order(params, NoteStore.ORDER_FIELDS, new Order("id", false)));
        Slice<Note> slice = notes.query(q, page);
        return Hal.page(request, "notes", slice, page, slice.items().stream().map(view::note).toList());
    }

    private static List<String> noteTypes(QueryParams params) {
        return params.has("filter", "note_type") ? params.values("filter", "note_type") : null;
    }

    private ObjectNode written(HttpServletRequest request, String entity, String selfPath, List<Written<Note>> created) {
        Links links = Links.of(request);
        ObjectNode body = SandboxJson.object();
        body.set("_links", links.self(selfPath));
        ArrayNode items = body.putObject("_embedded").putArray("notes");
        for (Written<Note> w : created) {
            ObjectNode item = items.addObject()
                    .put("id", w.entity().id())
                    .put("entity_id", w.entity().entityId())
                    .put("request_id", w.requestId());
            item.set("_links", links.self("/" + entity + "/" + w.entity().entityId() + "/notes/" + w.entity().id()));
        }
        return body;
    }
}
