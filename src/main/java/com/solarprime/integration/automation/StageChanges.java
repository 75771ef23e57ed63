package com.solarprime.integration.automation;

import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.lead.StageChange;
import com.solarprime.integration.qualification.LocalStage;
import com.solarprime.integration.shared.DeadLetters;
import com.solarprime.integration.shared.Failures;
import com.solarprime.integration.shared.work.WorkQueue;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Recorded stage changes waiting for their automation, as a work queue: claimed by one instance, done when the
 * actions are committed, and retried with a doubling wait when the automation could not run (Kommo down), until
 * the last attempt marks the change failed and dead-letters it.
 */
@Component("stageChanges")
public class StageChanges {

    /** Exchange property holding the change being automated, for the failure step. */
    public static final String CLAIMED = "stageChange";
    private static final Logger log = LoggerFactory.getLogger(StageChanges.class);

    /** A claimed change. */
    public record Claimed(long historyId, StageChange change, Long localLeadId, int attempts) {
    }

    private final WorkQueue queue;
    private final AccountMap map;
    private final DeadLetters deadLetters;

    public StageChanges(@Qualifier("stageChangeQueue") WorkQueue queue, AccountMap map, DeadLetters deadLetters) {
        this.queue = queue;
        this.map = map;
        this.deadLetters = deadLetters;
    }

    /** Due changes, oldest first; an empty claim tells the scheduler not to look again at once. */
    public List<Claimed> claim(Exchange exchange) {
        List<Claimed> claimed = queue.claim(exchange, """
                        id, kommo_lead_id, pipeline_id, from_status_id, to_status_id, changed_at, source, lead_id, attempts""",
                (rs, n) -> new Claimed(rs.getLong("id"), new StageChange(rs.getLong("kommo_lead_id"),
                        (Long) rs.getObject("pipeline_id", Long.class), (Long) rs.getObject("from_status_id", Long.class),
                        rs.getLong("to_status_id"),
                        map.stageKeyOf((Long) rs.getObject("pipeline_id", Long.class), rs.getLong("to_status_id"))
                                .map(LocalStage::valueOf).orElse(null),
                        rs.getTimestamp("changed_at").toInstant(), rs.getString("source")),
                        (Long) rs.getObject("lead_id", Long.class), rs.getInt("attempts")));
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !claimed.isEmpty());
        return claimed;
    }

    /** The automation could not run: the change stays pending and is tried again later, never dropped. */
    public void failed(Exchange exchange) {
        Claimed claimed = exchange.getProperty(CLAIMED, Claimed.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = Failures.reason(cause);
        if (queue.retry(claimed.historyId(), claimed.attempts(), reason) == WorkQueue.Retry.GAVE_UP) {
            exchange.getMessage().setHeader(DeadLetters.PAYLOAD_REF, "stage_history:" + claimed.historyId());
            deadLetters.record(exchange);
        } else {
            log.warn("Automation of stage change {} failed (attempt {}), retrying in {} s: {}", claimed.historyId(),
                    claimed.attempts(), queue.backoff(claimed.attempts()).toSeconds(), reason);
        }
    }
}
