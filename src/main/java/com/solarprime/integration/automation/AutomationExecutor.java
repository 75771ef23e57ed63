package com.solarprime.integration.automation;

import com.solarprime.integration.automation.AutomationAction.AddNote;
import com.solarprime.integration.automation.AutomationAction.AlertSalesperson;
import com.solarprime.integration.automation.AutomationAction.CancelFollowUps;
import com.solarprime.integration.automation.AutomationAction.CreateTask;
import com.solarprime.integration.automation.AutomationAction.MoveStage;
import com.solarprime.integration.automation.AutomationAction.ScheduleFollowUp;
import com.solarprime.integration.followup.FollowUps;
import com.solarprime.integration.kommo.KommoOutbox;
import com.solarprime.integration.lead.Leads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Commits what the {@code pipeline-automation} route planned for a stage change, in the route's transaction and
 * together with the change's "done": Kommo tasks and notes into the outbox, follow-ups, cancellations, alerts and
 * stage moves. Each action is keyed by the change and its own key, so committing the same change again (a retried
 * delivery, a second instance) adds nothing. Nothing remote happens here.
 */
@Component("automationExecutor")
public class AutomationExecutor {

    private static final Logger log = LoggerFactory.getLogger(AutomationExecutor.class);

    private final KommoOutbox outbox;
    private final FollowUps followUps;
    private final SalesAlerts alerts;
    private final Leads leads;
    private final JdbcClient jdbc;

    public AutomationExecutor(KommoOutbox outbox, FollowUps followUps, SalesAlerts alerts, Leads leads, JdbcClient jdbc) {
        this.outbox = outbox;
        this.followUps = followUps;
        this.alerts = alerts;
        this.leads = leads;
        this.jdbc = jdbc;
    }

    public void apply(AutomationRun run) {
        StageEvent event = run.event();
        Long leadId = event.leadId();
        for (AutomationAction action : run.actions()) {
            String key = "auto:" + run.historyId() + ":" + action.key();
            if (action instanceof CreateTask task) {
                outbox.task(leadId, event.kommoLeadId(), task.text(), task.dueAt(), task.taskTypeId(),
                        task.responsibleUserId(), key);
            } else if (action instanceof AddNote note) {
                outbox.note(leadId, event.kommoLeadId(), note.text(), key);
            } else if (action instanceof ScheduleFollowUp followUp) {
                followUps.schedule(leadId, followUp.type(), followUp.dueAt(), followUp.text(), key);
            } else if (action instanceof CancelFollowUps cancel) {
                followUps.cancelAll(leadId, cancel.reason());
            } else if (action instanceof AlertSalesperson alert) {
                alerts.queue(key, alert.userId(), alert.text(), leadId, event.kommoLeadId());
            } else if (action instanceof MoveStage move && leadId != null) {
                leads.moveStage(leadId, move.stage());
                outbox.updateLead(leadId);
            }
        }
        jdbc.sql("UPDATE stage_history SET status = 'done', claimed_by = NULL, processed_at = now(), last_error = NULL WHERE id = ?")
                .param(run.historyId()).update();
        log.info("Stage {} of Kommo lead {}: {} automation actions", run.getStage(), event.kommoLeadId(), run.actions().size());
    }
}
