package com.solarprime.integration.sandbox.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/**
 * A lead as stored. {@code customFieldsValues} is already in the API's shape (null when none);
 * {@code closestTaskAt} is derived from open tasks when read.
 */
public record Lead(long id, String name, long price, long responsibleUserId, long pipelineId, long statusId,
                   Long lossReasonId, long createdBy, long updatedBy, long createdAt, long updatedAt, Long closedAt,
                   ArrayNode customFieldsValues, List<Tag> tags, Long deletedAt, Long closestTaskAt) {
}
