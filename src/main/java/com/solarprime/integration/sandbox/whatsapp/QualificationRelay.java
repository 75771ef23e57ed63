package com.solarprime.integration.sandbox.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.ops.GeneratedCredentials;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The agent's qualification call, made for the simulator's form: its fields go to the real
 * {@code POST /api/leads/qualification} over HTTP with the integration API key, which stays on the server. The
 * API's answer (the qualified lead, or 400 listing every bad field) comes back as it is.
 */
@Component
@ConditionalOnSandbox
class QualificationRelay {

    static final String API = "/api/leads/qualification";
    /** The agent's {@code profile_data} fields the form may send; anything else is not passed on. */
    static final List<String> FIELDS = List.of("name", "email", "energy_bill_value", "solution_interest", "timeline",
            "competitor", "current_discount", "qualification_stage", "observations", "message_count",
            "avg_response_time");

    private final OwnService service;
    private final GeneratedCredentials credentials;
    private final ObjectMapper json;

    QualificationRelay(OwnService service, GeneratedCredentials credentials, ObjectMapper json) {
        this.service = service;
        this.credentials = credentials;
        this.json = json;
    }

    /**
     * @param phoneE164 the simulator's number, already checked
     * @param form the form's fields; blank ones are left out, as an agent sends only what it learnt
     */
    OwnService.Reply qualify(String phoneE164, JsonNode form) {
        ObjectNode profile = json.createObjectNode().put("phone", phoneE164);
        for (String field : FIELDS) {
            JsonNode value = form.path(field);
            if (!value.isMissingNode() && !value.isNull() && !(value.isTextual() && value.asText().isBlank())) {
                profile.set(field, value.isTextual() ? json.getNodeFactory().textNode(value.asText().strip()) : value);
            }
        }
        return service.postJson(API, profile.toString(), "X-Api-Key", credentials.integrationApiKey());
    }
}
