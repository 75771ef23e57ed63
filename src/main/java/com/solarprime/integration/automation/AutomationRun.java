package com.solarprime.integration.automation;

import com.solarprime.integration.lead.StageChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One recorded stage change on its way through the {@code pipeline-automation} route: the facts the route decides
 * on (read as {@code ${body.stage}}, {@code ${body.score}}, ...) and the actions its steps have planned so far.
 */
public final class AutomationRun {

    private final long historyId;
    private final StageChange change;
    private final StageEvent event;
    private final boolean meetingTaskBooked;
    private final List<AutomationAction> actions = new ArrayList<>();

    /**
     * @param historyId the {@code stage_history} row: every action's idempotency key starts with it
     */
    public AutomationRun(long historyId, StageChange change, StageEvent event) {
        this(historyId, change, event, false);
    }

    /**
     * @param meetingTaskBooked whether the lead's meeting has its Kommo meeting task already (booked here, or made as
     *                          a task in Kommo)
     */
    public AutomationRun(long historyId, StageChange change, StageEvent event, boolean meetingTaskBooked) {
        this.historyId = historyId;
        this.change = change;
        this.event = event;
        this.meetingTaskBooked = meetingTaskBooked;
    }

    public long historyId() {
        return historyId;
    }

    public StageChange change() {
        return change;
    }

    public StageEvent event() {
        return event;
    }

    /** The same change with other facts, keeping what was planned. */
    public AutomationRun with(StageEvent facts) {
        AutomationRun run = new AutomationRun(historyId, change, facts, meetingTaskBooked);
        run.actions.addAll(actions);
        return run;
    }

    /** Adds an action unless one with the same key is planned already. */
    public void plan(AutomationAction action) {
        if (actions.stream().noneMatch(a -> a.key().equals(action.key()))) {
            actions.add(action);
        }
    }

    public List<AutomationAction> actions() {
        return List.copyOf(actions);
    }

    /** The new stage's key for the content-based router, or {@code UNKNOWN} for a status that is not ours. */
    public String getStage() {
        return event.stage() == null ? "UNKNOWN" : event.stage().name();
    }

    public Integer getScore() {
        return event.score();
    }

    public Long getLeadId() {
        return event.leadId();
    }

    public long getKommoLeadId() {
        return event.kommoLeadId();
    }

    public Instant getMeetingAt() {
        return event.meetingAt();
    }

    /** The lead's meeting has its Kommo meeting task already: the stage's own would double it. */
    public boolean isMeetingTaskBooked() {
        return meetingTaskBooked;
    }

    /** The lead has a meeting (in the meeting table, or Kommo's "Data/Hora Reunião") and it is still ahead. */
    public boolean isMeetingAhead() {
        return event.meetingAt() != null && event.meetingAt().isAfter(event.now());
    }

    @Override
    public String toString() {
        return "stage change " + historyId + " of Kommo lead " + event.kommoLeadId() + " to " + getStage();
    }
}
