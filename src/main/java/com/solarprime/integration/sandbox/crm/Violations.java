package com.solarprime.integration.sandbox.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the validation failures of a whole batch, so one 400 names every bad entity at once. */
public final class Violations {

    private final Map<String, List<Violation>> byRequest = new LinkedHashMap<>();

    public void add(String requestId, String code, String path, String detail) {
        byRequest.computeIfAbsent(requestId, k -> new ArrayList<>()).add(new Violation(code, path, detail));
    }

    public boolean isEmpty() {
        return byRequest.isEmpty();
    }

    public void throwIfAny() {
        if (!byRequest.isEmpty()) {
            throw KommoProblem.validation(byRequest);
        }
    }

    /** A batch-level failure (too many entities, not an array): Kommo reports it under request id 0. */
    public static KommoProblem single(String code, String path, String detail) {
        Violations v = new Violations();
        v.add("0", code, path, detail);
        return KommoProblem.validation(v.byRequest);
    }
}
