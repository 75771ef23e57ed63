package com.solarprime.integration.kommo;

import com.solarprime.integration.lead.StageChange;
import com.solarprime.integration.lead.StageHistory;
import java.util.Optional;

/** Stage changes Kommo reports, recorded by pipeline: ours run the automation, any other pipeline's is only kept. */
final class StageChanges {

    private StageChanges() {
    }

    /** The new history row, empty when the change was recorded before. */
    static Optional<Long> record(StageHistory history, AccountMap map, StageChange change) {
        if (change.pipelineId() != null && !map.isOurPipeline(change.pipelineId())) {
            return history.recordIgnored(change, "pipeline " + change.pipelineId() + " is not SolarPrime's");
        }
        return history.record(change);
    }
}
