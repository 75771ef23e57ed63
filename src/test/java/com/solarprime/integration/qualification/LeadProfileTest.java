package com.solarprime.integration.qualification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LeadProfileTest {

    @Test
    void readsTheSeedsProfileData() throws Exception {
        String json = """
                {"name":"João Silva","phone":"5581999999999","email":"joao@example.com","energy_bill_value":3500.50,
                 "solution_interest":"desconto","timeline":"30_dias","competitor":"Solar Nordeste",
                 "current_discount":"10%","qualification_stage":"value_assessment","observations":"Casa própria",
                 "message_count":7,"avg_response_time":95.5,"source":"whatsapp"}""";

        LeadProfile profile = new ObjectMapper().readValue(json, LeadProfile.class);

        assertThat(profile).isEqualTo(new LeadProfile("João Silva", "5581999999999", "joao@example.com",
                new BigDecimal("3500.50"), "desconto", "30_dias", "Solar Nordeste", "10%", "value_assessment",
                "Casa própria", 7, 95.5));
    }

    @Test
    void engagementFiguresAreOptional() throws Exception {
        LeadProfile profile = new ObjectMapper().readValue("{\"phone\":\"81999999999\"}", LeadProfile.class);

        assertThat(profile.messageCount()).isNull();
        assertThat(profile.avgResponseTimeSeconds()).isNull();
        assertThat(profile.withStats(new ConversationStats(3, 20.0, null)))
                .extracting(LeadProfile::messageCount, LeadProfile::avgResponseTimeSeconds)
                .containsExactly(3, 20.0);
    }
}
