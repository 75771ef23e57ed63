package com.solarprime.integration.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Registers {@code {PUBLIC_BASE_URL}/webhooks/kommo/{secret}} for the events the automation handles.
 * An older registration of ours (another secret) is removed; an identical one is left alone unless Kommo disabled it
 * (it does after more than 100 failed deliveries within 2 hours), in which case registering it again enables it.
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
        if (!configured()) {
            return report.fail("KOMMO_WEBHOOK_SECRET is not set: nothing registered").build();
        }
        String ours = ours();
        String destination = destination();
        try {
            boolean current = false;
            for (JsonNode hook : hooks()) {
                String existing = hook.path("destination").asText();
                if (existing.equals(destination) && hook.path("disabled").asBoolean()) {
                    report.pass("Kommo had disabled the webhook: registering it again");
                } else if (existing.equals(destination) && settingsOf(hook).equals(new HashSet<>(SETTINGS))) {
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

    /** Whether webhooks are used at all: without a secret there is no destination to register. */
    boolean configured() {
        return StringUtils.hasText(properties.webhookSecret());
    }

    /** Our registration as Kommo lists it (with its {@code disabled} flag), if there is one. */
    Optional<JsonNode> registration() {
        String destination = destination();
        return hooks().stream().filter(hook -> hook.path("destination").asText().equals(destination)).findFirst();
    }

    private List<JsonNode> hooks() {
        JsonNode list = kommo.call(KommoRequest.get("/api/v4/webhooks"));
        List<JsonNode> hooks = new ArrayList<>();
        if (list != null) {
            list.path("_embedded").path("webhooks").forEach(hooks::add);
        }
        return hooks;
    }

    private String ours() {
        return endpoints.publicBaseUrl() + "/webhooks/kommo/";
    }

    private String destination() {
        return ours() + properties.webhookSecret();
    }

    private static Set<String> settingsOf(JsonNode hook) {
        Set<String> settings = new HashSet<>();
        hook.path("settings").forEach(s -> settings.add(s.asText()));
        return settings;
    }
}
