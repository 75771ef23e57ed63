package com.solarprime.integration.sandbox.store;

/** One stage of one pipeline, as {@code filter[statuses][N]} names it. */
public record StatusRef(long pipelineId, long statusId) {
}
