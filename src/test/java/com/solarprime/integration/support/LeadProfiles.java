package com.solarprime.integration.support;

/** The agent's {@code profile_data} as it posts it to {@code /api/leads/qualification}. */
public final class LeadProfiles {

    private LeadProfiles() {
    }

    public static String profile(String phoneDigits, int bill, String interest, String timeline, String stage) {
        return """
                {"name":"Carla Teste","phone":"+%s","email":"carla@example.com","energy_bill_value":%d,
                 "solution_interest":"%s","timeline":"%s","competitor":"","current_discount":"",
                 "qualification_stage":"%s","observations":"Quer economizar"}""".formatted(phoneDigits, bill, interest, timeline, stage);
    }
}
