package com.solarprime.integration.automation;

import com.solarprime.integration.kommo.AccountMap;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The single entrance of stage changes into the automation, whoever reports them: a change is recorded once
 * and only a newly recorded change runs its stage's automation ({@code direct:pipeline-automation}).
 */
@Component("stageChanges")
public class StageChangeHandler {

    private static final Logger log = LoggerFactory.getLogger(StageChangeHandler.class);

    /** A change recorded for the first time. */
    public record Recorded(long historyId, StageChange change, Long localLeadId) {
    }

    private final StageHistory history;
    private final AccountMap map;
    private final JdbcClient jdbc;
    private final ProducerTemplate producer;

    public StageChangeHandler(StageHistory history, AccountMap map, JdbcClient jdbc, ProducerTemplate producer) {
        this.history = history;
        this.map = map;
        this.jdbc = jdbc;
        this.producer = producer;
    }

    /** True when the change was new and its automation ran. */
    public boolean handle(StageChange change) {
        Long localLeadId = jdbc.sql("SELECT id FROM lead WHERE kommo_lead_id = ?").param(change.kommoLeadId())
                .query(Long.class).optional().orElse(null);
        Optional<Long> recorded = history.record(change, localLeadId);
        if (recorded.isEmpty()) {
            log.debug("Stage change of Kommo lead {} to {} already handled", change.kommoLeadId(), change.toStatus());
            return false;
        }
        if (localLeadId != null && !"sync".equals(change.source())) {
            mirror(localLeadId, change);
        }
        producer.sendBody("direct:pipeline-automation", new Recorded(recorded.get(), change, localLeadId));
        return true;
    }

    /** A person moved the lead in Kommo: the local mirror follows, whichever direction they chose. */
    private void mirror(long leadId, StageChange change) {
        Optional<String> stage = map.stageKeyOf(change.toStatus());
        jdbc.sql("""
                        UPDATE lead SET kommo_status_id = :status, local_stage = COALESCE(:stage, local_stage), updated_at = now()
                        WHERE id = :id""")
                .param("status", change.toStatus()).param("stage", stage.orElse(null)).param("id", leadId).update();
    }
}
