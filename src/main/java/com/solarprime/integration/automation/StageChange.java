package com.solarprime.integration.automation;

import java.time.Instant;

/**
 * A lead moved from one Kommo status to another, as one of the three witnesses reported it.
 *
 * @param fromStatus null when the witness did not say (an event without {@code value_before})
 * @param changedAt when it happened by the witness's clock (webhook {@code updated_at}, event {@code created_at})
 * @param source {@code webhook}, {@code reconcile} or {@code sync} (our own write)
 */
public record StageChange(long kommoLeadId, Long pipelineId, Long fromStatus, long toStatus, Instant changedAt,
                          String source) {
}
