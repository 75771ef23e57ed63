package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.crm.WebhookRegistry;
import com.solarprime.integration.sandbox.store.WebhookStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST|GET|DELETE /webhooks}. */
@RestController
@RequestMapping(SandboxPaths.API + "/webhooks")
@ConditionalOnSandbox
public class WebhookController {

    private final SandboxProperties props;
    private final WebhookStore webhooks;
    private final WebhookRegistry registry;

    public WebhookController(SandboxProperties props, WebhookStore webhooks, WebhookRegistry registry) {
        this.props = props;
        this.webhooks = webhooks;
        this.registry = registry;
    }

    @GetMapping
    public ResponseEntity<byte[]> list(HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        String destination = QueryParams.of(request).first("filter", "destination");
        List<ObjectNode> items = webhooks.all().stream()
                .filter(w -> destination == null || w.destination().equals(destination))
                .map(view::webhook).toList();
        return Hal.all(view.links(), "/webhooks", "webhooks", items);
    }

    @PostMapping
    public ResponseEntity<byte[]> register(@RequestBody(required = false) String body, HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        return Hal.ok(view.webhook(registry.register(Bodies.json(body))));
    }

    @DeleteMapping
    public ResponseEntity<byte[]> delete(@RequestBody(required = false) String body) {
        registry.delete(Bodies.json(body));
        return Hal.noContent();
    }
}
