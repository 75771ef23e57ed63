package com.solarprime.integration.qualification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The values the agent sends as {@code qualification_stage}: how far its conversation got. */
public enum QualificationStage {
    INITIAL("initial"),
    IDENTIFYING("identifying"),
    SOLUTION_DISCOVERY("solution_discovery"),
    VALUE_ASSESSMENT("value_assessment"),
    COMPETITOR_ANALYSIS("competitor_analysis"),
    SCHEDULING("scheduling"),
    SCHEDULED("scheduled");

    private final String code;

    QualificationStage(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<QualificationStage> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(QualificationStage::code).toList();
    }
}
