package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.crm.PipelineService;
import com.solarprime.integration.sandbox.crm.Written;
import com.solarprime.integration.sandbox.store.Pipeline;
import com.solarprime.integration.sandbox.store.PipelineStore;
import com.solarprime.integration.sandbox.store.Status;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Pipelines and their stages ({@code /leads/pipelines}). */
@RestController
@RequestMapping(SandboxPaths.API + "/leads/pipelines")
@ConditionalOnSandbox
public class PipelineController {

    private final SandboxProperties props;
    private final PipelineStore pipelines;
    private final PipelineService service;

    public PipelineController(SandboxProperties props, PipelineStore pipelines, PipelineService service) {
        this.props = props;
        this.pipelines = pipelines;
        this.service = service;
    }

    @GetMapping
    public ResponseEntity<byte[]> list(HttpServletRequest request) {
        Representations view = view(request);
        List<ObjectNode> items = pipelines.all().stream().map(view::pipeline).toList();
        return Hal.all(view.links(), "/leads/pipelines", "pipelines", items);
    }

    @GetMapping("/{id:\\d+}")
    public ResponseEntity<byte[]> one(@PathVariable long id, HttpServletRequest request) {
        Representations view = view(request);
        return pipelines.find(id).map(p -> Hal.ok(view.pipeline(p))).orElseGet(Hal::noContent);
    }

    @GetMapping("/{id:\\d+}/statuses")
    public ResponseEntity<byte[]> statuses(@PathVariable long id, HttpServletRequest request) {
        Representations view = view(request);
        Optional<Pipeline> pipeline = pipelines.find(id);
        if (pipeline.isEmpty()) {
            return Hal.noContent();
        }
        List<ObjectNode> items = pipeline.get().statuses().stream().map(view::status).toList();
        return Hal.all(view.links(), "/leads/pipelines/" + id + "/statuses", "statuses", items);
    }

    @GetMapping("/{id:\\d+}/statuses/{statusId:\\d+}")
    public ResponseEntity<byte[]> status(@PathVariable long id, @PathVariable long statusId, HttpServletRequest request) {
        Representations view = view(request);
        return pipelines.find(id).flatMap(p -> p.status(statusId)).map(s -> Hal.ok(view.status(s)))
                .orElseGet(Hal::noContent);
    }

    @PostMapping
    public ResponseEntity<byte[]> create(@RequestBody(required = false) String body, HttpServletRequest request) {
        Representations view = view(request);
        List<ObjectNode> items = service.create(Bodies.json(body)).stream()
                .map(w -> view.pipeline(w.entity()).put("request_id", w.requestId())).toList();
        return Hal.ok(Hal.collection(view.links(), "/leads/pipelines", "pipelines", items));
    }

    @PostMapping("/{id:\\d+}/statuses")
    public ResponseEntity<byte[]> addStatuses(@PathVariable long id, @RequestBody(required = false) String body,
                                              HttpServletRequest request) {
        Representations view = view(request);
        List<Written<Status>> created = service.addStatuses(id, Bodies.json(body));
        List<ObjectNode> items = created.stream().map(w -> view.status(w.entity()).put("request_id", w.requestId())).toList();
        return Hal.ok(Hal.collection(view.links(), "/leads/pipelines/" + id + "/statuses", "statuses", items));
    }

    private Representations view(HttpServletRequest request) {
        return new Representations(Links.of(request), props);
    }
}
