package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import com.solarprime.integration.sandbox.store.Ids;
import com.solarprime.integration.sandbox.store.UserStore;
import com.solarprime.integration.sandbox.store.Webhook;
import com.solarprime.integration.sandbox.store.WebhookStore;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code POST|GET|DELETE /webhooks}: at most 100 per account, settings from Kommo's list of actions. */
@Component
@ConditionalOnSandbox
public class WebhookRegistry {

    public static final int MAX_WEBHOOKS = 100;
    public static final Set<String> SETTINGS = Set.of("add_lead", "update_lead", "delete_lead", "restore_lead",
            "status_lead", "responsible_lead", "note_lead", "add_contact", "update_contact", "delete_contact",
            "restore_contact", "responsible_contact", "note_contact", "add_company", "update_company", "delete_company",
            "restore_company", "responsible_company", "note_company", "add_task", "update_task", "delete_task",
            "responsible_task", "add_unsorted", "update_unsorted", "delete_unsorted", "add_talk", "update_talk",
            "add_message", "add_customer", "update_customer", "delete_customer", "add_catalog", "update_catalog",
            "delete_catalog");

    private final SandboxDatabase db;
    private final WebhookStore webhooks;
    private final UserStore users;
    private final Ids ids;

    public WebhookRegistry(SandboxDatabase db, WebhookStore webhooks, UserStore users, Ids ids) {
        this.db = db;
        this.webhooks = webhooks;
        this.users = users;
        this.ids = ids;
    }

    public Webhook register(JsonNode body) {
        return db.inTransaction(() -> {
            Violations violations = new Violations();
            EntityInput in = EntityInput.single(body, violations);
            in.allowOnly(Set.of("destination", "settings", "sort"));
            String destination = in.text("destination");
            if (destination == null) {
                in.violation(Violation.FIELD_MISSING, "destination", "This field is missing.");
            } else if (!isHttpUrl(destination)) {
                in.violation(Violation.INVALID_TYPE, "destination", "This value is not a valid URL.");
            }
            List<String> settings = new ArrayList<>();
            ArrayNode given = in.array("settings");
            if (given == null || given.isEmpty()) {
                in.violation(Violation.FIELD_MISSING, "settings", "This field is missing.");
            } else {
                for (int i = 0; i < given.size(); i++) {
                    String setting = given.get(i).asText();
                    if (!SETTINGS.contains(setting)) {
                        in.violation(Violation.NOT_SUPPORTED_CHOICE, "settings." + i, "The value you selected is not a valid choice.");
                    } else if (!settings.contains(setting)) {
                        settings.add(setting);
                    }
                }
            }
            Integer sort = in.intValue("sort");
            if (destination != null && webhooks.byDestination(destination).isEmpty() && webhooks.count() >= MAX_WEBHOOKS) {
                in.violation(Violation.TOO_MANY, "destination", "An account has at most " + MAX_WEBHOOKS + " webhooks.");
            }
            violations.throwIfAny();
            long now = Instant.now().getEpochSecond();
            webhooks.upsert(new Webhook(ids.next(), destination, settings, sort == null ? 1 : sort, false,
                    users.owner().id(), now, now));
            return webhooks.byDestination(destination).orElseThrow();
        });
    }

    public void delete(JsonNode body) {
        Violations violations = new Violations();
        EntityInput in = EntityInput.single(body, violations);
        in.allowOnly(Set.of("destination"));
        String destination = in.text("destination");
        if (destination == null) {
            in.violation(Violation.FIELD_MISSING, "destination", "This field is missing.");
        }
        violations.throwIfAny();
        webhooks.delete(destination);
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
