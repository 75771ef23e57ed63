package com.solarprime.integration.lead;

import com.solarprime.integration.qualification.LocalStage;
import java.time.Instant;

/**
 * A lead moved from one Kommo status to another, as one of the three witnesses reported it.
 *
 * @param pipelineId the pipeline of the new status; null when the witness did not say
 * @param fromStatus null when the witness did not say (an event without {@code value_before})
 * @param toStage our stage of the new status, null when it is not one of our pipeline's
 * @param changedAt when it happened by the witness's clock (webhook {@code updated_at}, event {@code created_at})
 * @param source {@code webhook}, {@code reconcile} or {@code sync} (our own write)
 */
public record StageChange(long kommoLeadId, Long pipelineId, Long fromStatus, long toStatus, LocalStage toStage,
                          Instant changedAt, String source) {

    /** Identity of the change, the same whoever reports it; {@code changedAt} tells it from a later identical move. */
    public String key() {
        return kommoLeadId + ":" + (fromStatus == null ? 0 : fromStatus) + ">" + toStatus + "@" + changedAt.getEpochSecond();
    }
}
