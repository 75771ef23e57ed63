package com.solarprime.integration.qualification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * What the agent learnt about a lead: the seed's {@code profile_data}, read from snake_case JSON.
 * Values are kept as sent; {@link ProfileValidator} says what is wrong with them.
 *
 * @param messageCount inbound messages, when the agent reports it
 * @param avgResponseTimeSeconds the lead's average response time, when the agent reports it
 *                               (JSON {@code avg_response_time})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadProfile(String name, String phone, String email, BigDecimal energyBillValue,
                          String solutionInterest, String timeline, String competitor, String currentDiscount,
                          String qualificationStage, String observations, Integer messageCount,
                          @JsonProperty("avg_response_time") Double avgResponseTimeSeconds) {

    /** The agent's engagement figures where it sent them, the stored conversation's otherwise. */
    public LeadProfile withStats(ConversationStats stats) {
        return new LeadProfile(name, phone, email, energyBillValue, solutionInterest, timeline, competitor,
                currentDiscount, qualificationStage, observations,
                messageCount != null ? messageCount : Integer.valueOf(stats.inboundCount()),
                avgResponseTimeSeconds != null ? avgResponseTimeSeconds : stats.avgResponseSeconds());
    }
}
