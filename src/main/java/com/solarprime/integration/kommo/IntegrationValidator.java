package com.solarprime.integration.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The seed's validation script (section 10.2), done against the real account: token, account, pipeline,
 * custom fields, a test lead, and our webhook. Kommo cannot delete leads through the API, so the test lead is tagged
 * "Teste" and closed as lost instead.
 */
@Component
public class IntegrationValidator {

    static final String TEST_TAG = "Teste";
    static final long LOST = 143L;

    private final KommoClient kommo;
    private final KommoTokenStore tokens;
    private final AccountMap map;
    private final KommoAccountProperties account;
    private final WebhookRegistrar webhooks;

    public IntegrationValidator(KommoClient kommo, KommoTokenStore tokens, AccountMap map,
                                KommoAccountProperties account, WebhookRegistrar webhooks) {
        this.kommo = kommo;
        this.tokens = tokens;
        this.map = map;
        this.account = account;
        this.webhooks = webhooks;
    }

    public CommandReport validate() {
        CommandReport.Builder report = new CommandReport.Builder("validate");
        step(report, "1. token", () -> {
            tokens.accessToken();
            return tokens.isLongLived() ? "long-lived token configured" : "OAuth token valid";
        });
        step(report, "2. account", () -> {
            JsonNode acc = kommo.call(KommoRequest.get("/api/v4/account"));
            return "API reachable, account '" + acc.path("name").asText() + "' (" + acc.path("subdomain").asText() + ")";
        });
        step(report, "3. pipeline", () -> {
            long id = map.pipelineId();
            JsonNode pipeline = kommo.call(KommoRequest.get("/api/v4/leads/pipelines/" + id));
            return "pipeline '" + pipeline.path("name").asText() + "' (" + id + ") found";
        });
        step(report, "4. custom fields", () -> {
            JsonNode page = kommo.call(KommoRequest.getAll("/api/v4/leads/custom_fields", Map.of("limit", "250")));
            Set<Long> present = new HashSet<>();
            if (page != null) {
                page.path("_embedded").path("custom_fields").forEach(f -> present.add(f.path("id").asLong()));
            }
            List<String> missing = account.customFields().stream()
                    .filter(f -> map.id(AccountMap.FIELD, f.key()).filter(present::contains).isEmpty())
                    .map(KommoAccountProperties.CustomField::name).toList();
            String count = (account.customFields().size() - missing.size()) + "/" + account.customFields().size();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("custom fields found " + count + ", missing: " + String.join(", ", missing));
            }
            return "custom fields found " + count;
        });
        step(report, "5. test lead", this::createTestLead);
        step(report, "6. webhook", this::webhook);
        report.info(report.build().ok() ? "Integration validated." : "Problems found: see the ❌ lines above.");
        return report.build();
    }

    private String createTestLead() {
        Map<String, Object> contact = Map.of("first_name", "Teste Validação", "custom_fields_values", List.of(
                Map.of("field_code", "PHONE", "values", List.of(Map.of("value", "+5581900000000", "enum_code", "WORK")))));
        Map<String, Object> lead = Map.of(
                "name", "Teste Validação",
                "pipeline_id", map.pipelineId(),
                "status_id", map.statusId("NEW"),
                "custom_fields_values", List.of(Map.of("field_id", map.fieldId("energy_bill_value"),
                        "values", List.of(Map.of("value", 1000)))),
                "_embedded", Map.of("tags", List.of(Map.of("name", TEST_TAG)), "contacts", List.of(contact)));
        JsonNode created = kommo.call(KommoRequest.post("/api/v4/leads/complex", List.of(lead)));
        long id = created.get(0).path("id").asLong();
        kommo.call(KommoRequest.patch("/api/v4/leads/" + id, Map.of("status_id", LOST, "pipeline_id", map.pipelineId(),
                "_embedded", Map.of("tags", List.of(Map.of("name", TEST_TAG))))));
        return "test lead " + id + " created, tagged '" + TEST_TAG + "' and closed as lost (Kommo cannot delete leads)";
    }

    /** Kommo disables a webhook that failed too often, silently: only reconciliation then brings stage changes. */
    private String webhook() {
        if (!webhooks.configured()) {
            return "KOMMO_WEBHOOK_SECRET is not set: no webhook, stage changes come from reconciliation only";
        }
        JsonNode hook = webhooks.registration().orElseThrow(() -> new IllegalStateException(
                "no webhook of ours at Kommo: run register-webhooks"));
        if (hook.path("disabled").asBoolean()) {
            throw new IllegalStateException("Kommo disabled our webhook (it does after more than 100 failed deliveries "
                    + "within 2 hours): stage changes come from reconciliation only until register-webhooks is run");
        }
        return "webhook registered and enabled";
    }

    private static void step(CommandReport.Builder report, String name, java.util.function.Supplier<String> check) {
        try {
            report.pass(name + ": " + check.get());
        } catch (RuntimeException e) {
            report.fail(name + ": " + e.getMessage());
        }
    }
}
