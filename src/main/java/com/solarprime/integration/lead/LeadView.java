package com.solarprime.integration.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What {@code GET /api/leads/{phone}} answers. */
public record LeadView(String phone, String name, String stage, Integer score, String solutionType,
                       BigDecimal energyBillValue, List<String> tags, Long responsibleUserId, Kommo kommo,
                       String syncState, boolean optedOut, Instant lastInboundAt, Instant lastOutboundAt) {

    /** Where the lead is in Kommo; ids are null until the sync created it. */
    public record Kommo(Long leadId, Long contactId, Long statusId) {
    }

    static LeadView of(Lead lead) {
        return new LeadView(lead.phoneE164(), lead.name(), lead.stage().name(), lead.score(), lead.solutionType(),
                lead.billValue(), lead.tags(), lead.responsibleUserId(),
                new Kommo(lead.kommoLeadId(), lead.kommoContactId(), lead.kommoStatusId()), lead.syncState(),
                lead.optedOut(), lead.lastInboundAt(), lead.lastOutboundAt());
    }
}
