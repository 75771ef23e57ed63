package com.solarprime.integration.kommo.webhook;

/**
 * A lead moved to another status, as a {@code leads[status]} webhook event reports it.
 *
 * @param leadId the lead in Kommo
 * @param statusId the status it moved to (142 won, 143 lost)
 * @param pipelineId the pipeline of that status; null when not sent
 * @param oldStatusId the status it left; null when not sent
 * @param oldPipelineId the pipeline it left; null when not sent
 * @param updatedAt the lead's {@code updated_at} (or {@code last_modified}) in Unix seconds; null when not sent
 * @param responsibleUserId the lead's responsible user; null when not sent
 */
public record StatusChange(long leadId, long statusId, Long pipelineId, Long oldStatusId, Long oldPipelineId,
                           Long updatedAt, Long responsibleUserId) {
}
