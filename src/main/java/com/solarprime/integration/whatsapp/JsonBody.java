package com.solarprime.integration.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.whatsapp.ParsedWebhook.Invalid;

/** A webhook body read as a JSON object, or the reason it is not one (exactly one of the two is set). */
record JsonBody(JsonNode root, Invalid invalid) {

    static JsonBody read(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return new JsonBody(null, new Invalid("empty body"));
        }
        try {
            JsonNode root = mapper.readTree(body);
            return root != null && root.isObject() ? new JsonBody(root, null)
                    : new JsonBody(null, new Invalid("body is not a JSON object"));
        } catch (JsonProcessingException e) {
            return new JsonBody(null, new Invalid("body is not JSON"));
        }
    }
}
