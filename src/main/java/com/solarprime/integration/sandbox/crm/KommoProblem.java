package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.SandboxJson;
import java.util.List;
import java.util.Map;

/**
 * An error answer in Kommo's {@code application/problem+json} shape, thrown wherever the emulator
 * refuses a call and written out unchanged by the API's exception handler.
 */
public class KommoProblem extends RuntimeException {

    private final int status;
    private final transient ObjectNode body;

    private KommoProblem(int status, ObjectNode body) {
        super(body.path("detail").asText());
        this.status = status;
        this.body = body;
    }

    public static KommoProblem of(int status, String title, String detail) {
        ObjectNode body = SandboxJson.object()
                .put("title", title)
                .put("type", "https://httpstatus.es/" + status)
                .put("status", status)
                .put("detail", detail);
        return new KommoProblem(status, body);
    }

    public static KommoProblem badRequest(String detail) {
        return of(400, "Bad Request", detail);
    }

    public static KommoProblem notFound(String detail) {
        return of(404, "Not Found", detail);
    }

    /** 400 with {@code validation-errors}, one block per failing entity, keyed by its request id. */
    public static KommoProblem validation(Map<String, List<Violation>> byRequest) {
        ArrayNode blocks = SandboxJson.array();
        byRequest.forEach((requestId, violations) -> {
            ArrayNode errors = blocks.addObject().put("request_id", requestId).putArray("errors");
            violations.forEach(v -> errors.addObject()
                    .put("code", v.code())
                    .put("path", v.path())
                    .put("detail", v.detail()));
        });
        ObjectNode body = SandboxJson.object();
        body.set("validation-errors", blocks);
        body.put("title", "Bad Request")
                .put("type", "https://httpstatus.es/400")
                .put("status", 400)
                .put("detail", "Request validation failed");
        return new KommoProblem(400, body);
    }

    public int status() {
        return status;
    }

    public ObjectNode body() {
        return body;
    }
}
