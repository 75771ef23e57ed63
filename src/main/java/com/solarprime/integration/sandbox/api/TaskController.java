package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.crm.TaskService;
import com.solarprime.integration.sandbox.store.Order;
import com.solarprime.integration.sandbox.store.PageRequest;
import com.solarprime.integration.sandbox.store.Slice;
import com.solarprime.integration.sandbox.store.Task;
import com.solarprime.integration.sandbox.store.TaskQuery;
import com.solarprime.integration.sandbox.store.TaskStore;
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

/** Tasks: list with filters, create, complete. */
@RestController
@RequestMapping(SandboxPaths.API + "/tasks")
@ConditionalOnSandbox
public class TaskController {

    private final SandboxProperties props;
    private final TaskStore tasks;
    private final TaskService service;

    public TaskController(SandboxProperties props, TaskStore tasks, TaskService service) {
        this.props = props;
        this.tasks = tasks;
        this.service = service;
    }

    /** {@code filter[task_type]} is the old name of {@code filter[task_type_id]}; clients send both. */
    @GetMapping
    public ResponseEntity<byte[]> list(HttpServletRequest request) {
        Representations view = view(request);
        QueryParams params = QueryParams.of(request);
        PageRequest page = params.page();
        List<Integer> types = params.has("filter", "task_type_id") ? params.ints("filter", "task_type_id")
                : params.ints("filter", "task_type");
        String entityType = params.first("filter", "entity_type");
        TaskQuery q = new TaskQuery(params.longs("filter", "id"), types, Filters.flag(params, "filter", "is_completed"),
                entityType, params.longs("filter", "entity_id"), params.longs("filter", "responsible_user_id"),
                params.range("filter", "updated_at"), params.range("filter", "complete_till"),
                Filters.order(params, TaskStore.ORDER_FIELDS, new Order("id", false)));
        Slice<Task> slice = tasks.query(q, page);
        return Hal.page(request, "tasks", slice, page, slice.items().stream().map(view::task).toList());
    }

    @GetMapping("/{id:\\d+}")
    public ResponseEntity<byte[]> one(@PathVariable long id, HttpServletRequest request) {
        Representations view = view(request);
        return tasks.find(id).map(t -> Hal.ok(view.task(t))).orElseGet(Hal::noContent);
    }

    @PostMapping
    public ResponseEntity<byte[]> create(@RequestBody(required = false) String body, HttpServletRequest request) {
        return Hal.ok(view(request).written("tasks", service.create(Bodies.json(body)), Task::id, Task::updatedAt, false));
    }

    @PatchMapping
    public ResponseEntity<byte[]> update(@RequestBody(required = false) String body, HttpServletRequest request) {
        return Hal.ok(view(request).written("tasks", service.update(Bodies.json(body)), Task::id, Task::updatedAt, true));
    }

    @PatchMapping("/{id:\\d+}")
    public ResponseEntity<byte[]> updateOne(@PathVariable long id, @RequestBody(required = false) String body,
                                            HttpServletRequest request) {
        Representations view = view(request);
        Task task = service.updateOne(id, Bodies.json(body));
        ObjectNode json = SandboxJson.object().put("id", task.id()).put("updated_at", task.updatedAt());
        json.set("_links", view.links().self("/tasks/" + task.id()));
        return Hal.ok(json);
    }


    private Representations view(HttpServletRequest request) {
        return new Representations(Links.of(request), props);
    }
}
