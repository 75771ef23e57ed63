package com.solarprime.integration.report;

import com.solarprime.integration.qualification.LocalStage;

/**
 * The steps of the report's funnel, each reached at the pipeline stage given: a lead that skipped a stage has passed
 * the steps before it.
 */
public enum FunnelStep {
    LEAD(LocalStage.NEW),
    QUALIFIED(LocalStage.QUALIFIED),
    MEETING(LocalStage.MEETING_SCHEDULED),
    PROPOSAL(LocalStage.PROPOSAL_SENT),
    WON(LocalStage.WON);

    private final LocalStage from;

    FunnelStep(LocalStage from) {
        this.from = from;
    }

    /** Whether a lead that got as far as this stage has reached the step; lost says nothing of how far it got. */
    public boolean reachedAt(LocalStage stage) {
        return stage != null && stage != LocalStage.LOST && stage.ordinal() >= from.ordinal();
    }
}
