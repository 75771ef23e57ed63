package com.solarprime.integration.qualification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The values the agent sends as {@code solution_interest}. */
public enum SolutionInterest {
    OWN_PLANT("usina_propria"),
    PARTNER_PLANT("usina_parceira"),
    /** The agent knows the lead wants a discount but not which kind: the bill decides. */
    DISCOUNT("desconto"),
    DISCOUNT_HIGH("desconto_alto"),
    DISCOUNT_LOW("desconto_baixo"),
    INVESTMENT("investimento");

    private final String code;

    SolutionInterest(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<SolutionInterest> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(SolutionInterest::code).toList();
    }
}
