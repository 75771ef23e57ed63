package com.solarprime.integration.qualification;

import java.math.BigDecimal;

/** Builds {@link LeadProfile}s for tests: nothing is set unless a test sets it. */
final class Profiles {

    private String name;
    private String phone;
    private String email;
    private BigDecimal bill;
    private String solutionInterest;
    private String timeline;
    private String competitor;
    private String currentDiscount;
    private String qualificationStage;
    private String observations;
    private Integer messageCount;
    private Double avgResponseSeconds;

    static Profiles profile() {
        return new Profiles();
    }

    /** A fully described lead, the kind the agent sends at the end of a good conversation. */
    static Profiles complete() {
        return profile().name("João Silva").phone("+5581999999999").email("joao@example.com").bill("4500")
                .solution("usina_propria").timeline("imediato").competitor("Solar Nordeste").currentDiscount("10%")
                .stage("scheduling").observations("Prefere reunião pela manhã.").messages(12).responseSeconds(45.0);
    }

    Profiles name(String value) { name = value; return this; }
    Profiles phone(String value) { phone = value; return this; }
    Profiles email(String value) { email = value; return this; }
    Profiles bill(String value) { bill = value == null ? null : new BigDecimal(value); return this; }
    Profiles solution(String value) { solutionInterest = value; return this; }
    Profiles timeline(String value) { timeline = value; return this; }
    Profiles competitor(String value) { competitor = value; return this; }
    Profiles currentDiscount(String value) { currentDiscount = value; return this; }
    Profiles stage(String value) { qualificationStage = value; return this; }
    Profiles observations(String value) { observations = value; return this; }
    Profiles messages(Integer value) { messageCount = value; return this; }
    Profiles responseSeconds(Double value) { avgResponseSeconds = value; return this; }

    LeadProfile build() {
        return new LeadProfile(name, phone, email, bill, solutionInterest, timeline, competitor, currentDiscount,
                qualificationStage, observations, messageCount, avgResponseSeconds);
    }
}
