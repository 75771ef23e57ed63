package com.solarprime.integration.automation;

/**
 * One recorded stage change on its way through the automation.
 *
 * @param historyId the {@code stage_history} row: every action's idempotency key starts with it
 * @param change what moved
 * @param event the facts the stage's actions are computed from
 */
public record AutomationRun(long historyId, StageChange change, StageEvent event) {

    /** The new stage's key for the content-based router, or {@code UNKNOWN} for a status that is not ours. */
    public String getStage() {
        return event.stage() == null ? "UNKNOWN" : event.stage().name();
    }
}
