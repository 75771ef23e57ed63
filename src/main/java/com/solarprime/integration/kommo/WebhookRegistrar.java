package com.solarprime.integration.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Registers {@code {PUBLIC_BASE_URL}/webhooks/kommo/{secret}} for the events the automation handles.
 * An older registration of ours (another secret) is removed; an identical one is left alone.
 */
@Component
public class WebhookRegistrar {

    static final List<String> SETTINGS = List.of("add_lead", "update_lead", "status_lead", "delete_lead",
            "responsible_lead", "note_lead", "add_task", "update_task");

    private final KommoClient kommo;
    private final KommoEndpoints endpoints;
    private final KommoProperties properties;

    public WebhookRegistrar(KommoClient kommo, KommoEndpoints endpoints, KommoProperties properties) {
        this.kommo = kommo;
        this.endpoints = endpoints;
        this.properties = properties;
    }

    public CommandReport register() {
        CommandReport.Builder report = new CommandReport.Builder("register-webhooks");
        if (!StringUtils.hasText(properties.webhookSecret())) {
            return report.fail("KOMMO_WEBHOOK_SECRET is not set: nothing registered").build();
        }
        String ours = endpoints.publicBaseUrl() + "/webhooks/kommo/";
        String destination = ours + properties.webhookSecret();
        try {
            JsonNode list = kommo.call(KommoRequest.get("/api/v4/webhooks"));
            boolean current = false;
            List<JsonNode> hooks = new ArrayList<>();
            if (list != null) {
                list.path("_embedded").path("webhooks").forEach(hooks::add);
            }
            for (JsonNode hook : hooks) {
                String existing = hook.path("destination").asText();
                if (existing.equals(destination) && settingsOf(hook).equals(new HashSet<>(SETTINGS))) {
                    current = true;
                } else if (existing.startsWith(ours)) {
                    kommo.call(KommoRequest.delete("/api/v4/webhooks", Map.of("destination", existing)));
                    report.pass("removed an older registration of ours");
                }
            }
            if (current) {
                report.pass("webhook already registered for " + SETTINGS.size() + " events");
            } else {
                kommo.call(KommoRequest.post("/api/v4/webhooks", Map.of("destination", destination,
                        "settings", SETTINGS, "sort", 10)));
                report.pass("webhook registered for " + String.join(", ", SETTINGS));
            }
        } catch (KommoException e) {
            report.fail("registration failed: " + e.getMessage());
        }
        return report.build();
    }

    private static Set<String> settingsOf(JsonNode hook) {
        Set<String> settings = new HashSet<>();
        hook.path("settings").forEach(s -> settings.add(s.asText()));
        return settings;
    }
}
