package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.crm.KommoProblem;

/** Request bodies: JSON, as Kommo requires for every write. */
final class Bodies {

    private Bodies() {
    }

    static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            throw KommoProblem.badRequest("Request body is empty");
        }
        try {
            return SandboxJson.parse(body);
        } catch (JsonProcessingException e) {
            throw KommoProblem.badRequest("Request body is not valid JSON");
        }
    }
}
