package com.solarprime.integration.automation;

import com.solarprime.integration.automation.AutomationAction.AddNote;
import com.solarprime.integration.automation.AutomationAction.AlertSalesperson;
import com.solarprime.integration.automation.AutomationAction.CancelFollowUps;
import com.solarprime.integration.automation.AutomationAction.CreateTask;
import com.solarprime.integration.automation.AutomationAction.ScheduleFollowUp;
import com.solarprime.integration.followup.FollowUpCancellation;
import com.solarprime.integration.followup.FollowUps;
import com.solarprime.integration.kommo.KommoOutbox;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out a stage's actions. Every action is keyed by the stage change and its own key, so running the
 * same change again (a retried delivery, a second instance) adds nothing: Kommo tasks and notes go through
 * the outbox (batched, deduplicated), follow-ups and alerts are deduplicated by the same key.
 */
@Component("automationExecutor")
public class AutomationExecutor {

    private static final Logger log = LoggerFactory.getLogger(AutomationExecutor.class);

    private final StageAutomation stageAutomation;
    private final KommoOutbox outbox;
    private final FollowUps followUps;
    private final FollowUpCancellation cancellation;
    private final SalesAlerts alerts;
    private final AutomationProperties automation;

    public AutomationExecutor(StageAutomation stageAutomation, KommoOutbox outbox, FollowUps followUps,
                              FollowUpCancellation cancellation, SalesAlerts alerts, AutomationProperties automation) {
        this.stageAutomation = stageAutomation;
        this.outbox = outbox;
        this.followUps = followUps;
        this.cancellation = cancellation;
        this.alerts = alerts;
        this.automation = automation;
    }

    public void run(AutomationRun run) {
        List<AutomationAction> actions = stageAutomation.actionsFor(run.event());
        Long leadId = run.event().leadId();
        long kommoLeadId = run.event().kommoLeadId();
        for (AutomationAction action : actions) {
            String key = "auto:" + run.historyId() + ":" + action.key();
            if (action instanceof CreateTask task) {
                outbox.task(leadId, kommoLeadId, task.text(), task.dueAt(), task.taskTypeId(),
                        task.responsibleUserId() != null ? task.responsibleUserId() : run.event().responsibleUserId(), key);
            } else if (action instanceof AddNote note) {
                outbox.note(leadId, kommoLeadId, note.text(), key);
            } else if (action instanceof ScheduleFollowUp followUp && leadId != null) {
                followUps.schedule(leadId, followUp.type(), followUp.dueAt(), null, key);
            } else if (action instanceof CancelFollowUps cancel && leadId != null) {
                cancellation.all(leadId, cancel.reason());
            } else if (action instanceof AlertSalesperson alert) {
                alerts.send(key, automation.alertDestination(alert.userId()), alert.text());
            }
        }
        log.info("Stage {} of Kommo lead {}: {} automation actions", run.getStage(), kommoLeadId, actions.size());
    }
}
