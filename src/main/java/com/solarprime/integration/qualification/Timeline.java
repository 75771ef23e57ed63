package com.solarprime.integration.qualification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The values the agent sends as {@code timeline}: when the lead means to act. */
public enum Timeline {
    IMMEDIATE("imediato"),
    WITHIN_30_DAYS("30_dias"),
    WITHIN_90_DAYS("90_dias"),
    FUTURE("futuro");

    private final String code;

    Timeline(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Timeline> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Timeline::code).toList();
    }
}
