package com.solarprime.integration.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.kommo.KommoRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** What tests do in the Kommo sandbox as a person in Kommo would, and what they read back, over real HTTP. */
public final class KommoFixtures {

    private final KommoClient kommo;
    private final AccountMap map;
    private final Http http;

    public KommoFixtures(KommoClient kommo, AccountMap map, Http http) {
        this.kommo = kommo;
        this.map = map;
        this.http = http;
    }

    /** A lead a person created in Kommo, in Novo Lead of our pipeline. */
    public long personCreatedLead() {
        JsonNode created = kommo.call(KommoRequest.post("/api/v4/leads", List.of(Map.of("name", "Lead de pessoa",
                "pipeline_id", map.pipelineId(), "status_id", map.statusId("NEW")))));
        return created.path("_embedded").path("leads").get(0).path("id").asLong();
    }

    /** Kommo's webhook form of a status change in our pipeline. */
    public String statusForm(long lead, long to, long from, long updatedAt) {
        return "leads[status][0][id]=" + lead + "&leads[status][0][status_id]=" + to + "&leads[status][0][pipeline_id]="
                + map.pipelineId() + "&leads[status][0][old_status_id]=" + from + "&leads[status][0][old_pipeline_id]="
                + map.pipelineId() + "&leads[status][0][updated_at]=" + updatedAt
                + "&account[subdomain]=solarprime&account[id]=31000001&account[_links][self]=https://solarprime.kommo.com";
    }

    public JsonNode tasks(long lead) {
        JsonNode tasks = kommo.call(KommoRequest.get("/api/v4/tasks", Map.of("filter[entity_type]", "leads",
                "filter[entity_id]", String.valueOf(lead))));
        return tasks == null ? new ObjectMapper().createObjectNode() : tasks;
    }

    public List<String> taskTexts(long lead) {
        return tasks(lead).path("_embedded").path("tasks").findValuesAsText("text");
    }

    public List<String> notes(long lead) {
        JsonNode notes = kommo.call(KommoRequest.get("/api/v4/leads/" + lead + "/notes"));
        return notes == null ? List.of() : notes.path("_embedded").path("notes").findValuesAsText("text");
    }

    /** A control of the sandbox ({@code /sandbox/kommo/_admin}), e.g. {@code /faults/fail-next}. */
    public String admin(String path, String body) {
        HttpResponse<String> reply = http.post("/sandbox/kommo/_admin" + path, "application/json", body,
                Http.ADMIN_HEADERS);
        assertThat(reply.statusCode()).as(path).isEqualTo(200);
        return reply.body();
    }

    public String admin(String path) {
        return http.get("/sandbox/kommo/_admin" + path, "Authorization", Http.ADMIN_AUTH).body();
    }
}
