package com.solarprime.integration.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.kommo.KommoAccountProperties.CustomField;
import com.solarprime.integration.kommo.KommoAccountProperties.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Makes the account contain what the service needs (pipeline and stages, lead custom fields with their
 * options, tags), creating only what is missing, and records every id in the account map. A second run
 * finds everything and writes nothing.
 */
@Component
public class Provisioner {

    /** Kommo's system statuses of every pipeline: they exist already and can only be renamed. */
    static final Map<String, Long> SYSTEM_STATUSES = Map.of("WON", 142L, "LOST", 143L);

    private final KommoClient kommo;
    private final AccountMap map;
    private final KommoAccountProperties account;

    public Provisioner(KommoClient kommo, AccountMap map, KommoAccountProperties account) {
        this.kommo = kommo;
        this.map = map;
        this.account = account;
    }

    public CommandReport provision() {
        CommandReport.Builder report = new CommandReport.Builder("provision");
        try {
            pipeline(report);
            customFields(report);
            tags(report);
            users(report);
        } catch (KommoException | IllegalStateException e) {
            report.fail("provisioning stopped: " + e.getMessage());
        }
        List<String> missing = map.missing();
        if (missing.isEmpty()) {
            report.pass("account map complete");
        } else {
            report.fail("account map incomplete: " + String.join(", ", missing));
        }
        return report.build();
    }

    private void pipeline(CommandReport.Builder report) {
        Optional<JsonNode> found = findByName(list("/api/v4/leads/pipelines", "pipelines"), account.pipelineName());
        JsonNode pipeline;
        if (found.isPresent()) {
            pipeline = found.get();
            report.pass("pipeline '" + account.pipelineName() + "' found (" + pipeline.path("id").asLong() + ")");
        } else {
            List<Map<String, Object>> statuses = new ArrayList<>();
            regularStages().forEach(s -> statuses.add(status(s)));
            Map<String, Object> create = new LinkedHashMap<>();
            create.put("name", account.pipelineName());
            create.put("is_main", false);
            create.put("is_unsorted_on", true);
            create.put("sort", 10);
            create.put("_embedded", Map.of("statuses", statuses));
            pipeline = kommo.call(KommoRequest.post("/api/v4/leads/pipelines", List.of(create)))
                    .path("_embedded").path("pipelines").get(0);
            report.pass("pipeline '" + account.pipelineName() + "' created (" + pipeline.path("id").asLong() + ")");
        }
        long pipelineId = pipeline.path("id").asLong();
        map.put(AccountMap.PIPELINE, AccountMap.MAIN_PIPELINE, pipelineId);

        List<JsonNode> existing = elements(pipeline.path("_embedded").path("statuses"));
        for (Stage stage : account.stages()) {
            Long system = SYSTEM_STATUSES.get(stage.key());
            if (system != null) {
                map.put(AccountMap.STATUS, stage.key(), system);
                continue;
            }
            Optional<JsonNode> status = findByName(existing, stage.name());
            if (status.isEmpty()) {
                status = Optional.of(kommo.call(KommoRequest.post("/api/v4/leads/pipelines/" + pipelineId + "/statuses",
                        List.of(status(stage)))).path("_embedded").path("statuses").get(0));
                report.pass("stage '" + stage.name() + "' created");
            }
            map.put(AccountMap.STATUS, stage.key(), status.get().path("id").asLong());
        }
        report.pass(account.stages().size() + " stages mapped");
    }

    private void customFields(CommandReport.Builder report) {
        List<JsonNode> existing = list("/api/v4/leads/custom_fields", "custom_fields");
        List<CustomField> toCreate = account.customFields().stream()
                .filter(f -> findByName(existing, f.name()).isEmpty()).toList();
        List<JsonNode> fields = new ArrayList<>(existing);
        if (!toCreate.isEmpty()) {
            List<Map<String, Object>> body = toCreate.stream().map(Provisioner::field).toList();
            fields.addAll(elements(kommo.call(KommoRequest.post("/api/v4/leads/custom_fields", body))
                    .path("_embedded").path("custom_fields")));
            report.pass(toCreate.size() + " custom fields created");
        }
        List<Map<String, Object>> enumUpdates = new ArrayList<>();
        for (CustomField wanted : account.customFields()) {
            JsonNode field = findByName(fields, wanted.name()).orElseThrow(() ->
                    new IllegalStateException("custom field '" + wanted.name() + "' missing after creation"));
            map.put(AccountMap.FIELD, wanted.key(), field.path("id").asLong());
            List<JsonNode> enums = elements(field.path("enums"));
            List<String> absent = wanted.options().stream().filter(o -> findByValue(enums, o).isEmpty()).toList();
            if (!absent.isEmpty()) {
                List<Map<String, Object>> all = new ArrayList<>();
                enums.forEach(e -> all.add(Map.of("id", e.path("id").asLong(), "value", e.path("value").asText(),
                        "sort", e.path("sort").asInt())));
                absent.forEach(o -> all.add(Map.of("value", o, "sort", (all.size() + 1) * 10)));
                enumUpdates.add(Map.of("id", field.path("id").asLong(), "enums", all));
            }
        }
        if (!enumUpdates.isEmpty()) {
            fields = new ArrayList<>(fields);
            for (JsonNode updated : elements(kommo.call(KommoRequest.patch("/api/v4/leads/custom_fields", enumUpdates))
                    .path("_embedded").path("custom_fields"))) {
                fields.removeIf(f -> f.path("id").asLong() == updated.path("id").asLong());
                fields.add(updated);
            }
            report.pass("options added to " + enumUpdates.size() + " select fields");
        }
        for (CustomField wanted : account.customFields()) {
            JsonNode field = findByName(fields, wanted.name()).orElseThrow();
            List<JsonNode> enums = elements(field.path("enums"));
            for (String option : wanted.options()) {
                findByValue(enums, option).ifPresent(e ->
                        map.put(AccountMap.ENUM, AccountMap.enumKey(wanted.key(), option), e.path("id").asLong()));
            }
        }
        report.pass(account.customFields().size() + " custom fields mapped");
    }

    private void tags(CommandReport.Builder report) {
        List<JsonNode> existing = list("/api/v4/leads/tags", "tags");
        List<Map<String, Object>> toCreate = account.tags().stream()
                .filter(t -> findByName(existing, t).isEmpty())
                .map(t -> Map.<String, Object>of("name", t)).toList();
        List<JsonNode> tags = new ArrayList<>(existing);
        if (!toCreate.isEmpty()) {
            tags.addAll(elements(kommo.call(KommoRequest.post("/api/v4/leads/tags", toCreate))
                    .path("_embedded").path("tags")));
            report.pass(toCreate.size() + " tags created");
        }
        for (String tag : account.tags()) {
            findByName(tags, tag).ifPresent(t -> map.put(AccountMap.TAG, tag, t.path("id").asLong()));
        }
        report.pass(account.tags().size() + " tags mapped");
    }

    private void users(CommandReport.Builder report) {
        List<JsonNode> users = list("/api/v4/users", "users");
        users.stream().filter(u -> u.hasNonNull("email"))
                .forEach(u -> map.put(AccountMap.USER, u.path("email").asText().toLowerCase(), u.path("id").asLong()));
        report.pass(users.size() + " users mapped by e-mail");
    }

    private List<Stage> regularStages() {
        return account.stages().stream().filter(s -> !SYSTEM_STATUSES.containsKey(s.key())).toList();
    }

    private Map<String, Object> status(Stage stage) {
        int sort = (regularStages().indexOf(stage) + 1) * 10;
        return Map.of("name", stage.name(), "sort", sort, "color", stage.color());
    }

    private static Map<String, Object> field(CustomField field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", field.name());
        body.put("type", field.type());
        if (!field.options().isEmpty()) {
            List<Map<String, Object>> enums = new ArrayList<>();
            for (int i = 0; i < field.options().size(); i++) {
                enums.add(Map.of("value", field.options().get(i), "sort", (i + 1) * 10));
            }
            body.put("enums", enums);
        }
        return body;
    }

    private List<JsonNode> list(String path, String embedded) {
        JsonNode page = kommo.call(KommoRequest.getAll(path, Map.of("limit", "250")));
        return page == null ? List.of() : elements(page.path("_embedded").path(embedded));
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static Optional<JsonNode> findByName(List<JsonNode> nodes, String name) {
        return nodes.stream().filter(n -> name.equalsIgnoreCase(n.path("name").asText())).findFirst();
    }

    private static Optional<JsonNode> findByValue(List<JsonNode> enums, String value) {
        return enums.stream().filter(n -> value.equalsIgnoreCase(n.path("value").asText())).findFirst();
    }
}
