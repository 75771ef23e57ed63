package com.solarprime.integration.lead;

import com.solarprime.integration.qualification.LocalStage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The local mirror of one lead (table {@code lead}). */
public record Lead(long id, String phoneE164, String whatsappJid, String whatsappLid, String name, String email,
                   Long kommoLeadId, Long kommoContactId, Long kommoStatusId, LocalStage stage, Integer score,
                   String solutionType, BigDecimal billValue, Long responsibleUserId, List<String> tags,
                   String syncState, Instant optedOutAt, Instant lastInboundAt, Instant lastOutboundAt) {

    public Lead {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean optedOut() {
        return optedOutAt != null;
    }

    public String firstName() {
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.trim().split("\\s+")[0];
    }
}
