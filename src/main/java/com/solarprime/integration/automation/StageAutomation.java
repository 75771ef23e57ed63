package com.solarprime.integration.automation;

import com.solarprime.integration.automation.AutomationAction.AddNote;
import com.solarprime.integration.automation.AutomationAction.AlertSalesperson;
import com.solarprime.integration.automation.AutomationAction.CancelFollowUps;
import com.solarprime.integration.automation.AutomationAction.CreateTask;
import com.solarprime.integration.automation.AutomationAction.ScheduleFollowUp;
import com.solarprime.integration.calendar.BusinessCalendar;
import com.solarprime.integration.followup.FollowUpProperties;
import com.solarprime.integration.followup.FollowUpType;
import com.solarprime.integration.qualification.LocalStage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The seed's pipeline automation (section 6) as a pure decision: which tasks, notes, follow-ups, alerts and
 * cancellations a stage change calls for. It reads nothing and writes nothing; the caller executes the actions.
 *
 * <p>Every task and follow-up falls due inside business hours, except the meeting task, which is at the
 * meeting's own time. Follow-ups go to our lead only: a lead known only to Kommo gets tasks and notes.
 */
@Component
public class StageAutomation {

    static final String CANCEL_REASON_WON = "deal won";
    static final String CANCEL_REASON_LOST = "deal lost";

    private final AutomationProperties automation;
    private final FollowUpProperties followUps;
    private final BusinessCalendar calendar;
    private final AutomationTexts texts;

    public StageAutomation(AutomationProperties automation, FollowUpProperties followUps, BusinessCalendar calendar) {
        this.automation = automation;
        this.followUps = followUps;
        this.calendar = calendar;
        this.texts = new AutomationTexts(calendar.zone());
    }

    /** The actions for a lead that has just reached {@code event.stage()}, in the order they should run. */
    public List<AutomationAction> actionsFor(StageEvent event) {
        Actions actions = new Actions(event);
        if (event.stage() == null) {
            return actions.list();
        }
        switch (event.stage()) {
            case IN_QUALIFICATION -> inQualification(actions);
            case QUALIFIED -> qualified(actions);
            case MEETING_SCHEDULED -> meetingScheduled(actions);
            case MEETING_CONFIRMED -> meetingConfirmed(actions);
            case IN_NEGOTIATION -> inNegotiation(actions);
            case PROPOSAL_SENT -> proposalSent(actions);
            case WON -> closed(actions, CANCEL_REASON_WON, "won-note", "won-task", automation.onboardingTaskDelay());
            case LOST -> closed(actions, CANCEL_REASON_LOST, "lost-note", "lost-task", automation.feedbackTaskDelay());
            case NEW -> {
                // A new lead is the qualification flow's business, not the pipeline's.
            }
        }
        return actions.list();
    }

    private void inQualification(Actions actions) {
        actions.task(texts.text("qualification-task"), actions.after(automation.qualificationTaskDelay()));
        actions.note(texts.text("qualification-note"));
    }

    private void qualified(Actions actions) {
        Integer score = actions.event.score();
        if (score != null && score >= automation.hotScore()) {
            Instant dueAt = actions.after(automation.hotLeadTaskDelay());
            actions.task(texts.text("hot-lead-task"), dueAt);
            Map<String, Object> values = new HashMap<>();
            values.put("name", actions.event.leadName());
            values.put("leadId", actions.event.kommoLeadId());
            values.put("score", score);
            actions.alert(texts.textAt("hot-lead-alert", dueAt, values));
        } else if (score != null && score >= automation.warmScore()) {
            actions.followUp(FollowUpType.DAILY, actions.event.now().plus(followUps.dailyDelay()));
        } else {
            actions.followUp(FollowUpType.REENGAGEMENT, actions.event.now().plus(followUps.reengagementDelay()));
        }
    }

    private void meetingScheduled(Actions actions) {
        Optional<Instant> meeting = upcomingMeeting(actions);
        if (meeting.isEmpty()) {
            return;
        }
        Instant meetingAt = meeting.get();
        Optional<Instant> confirmation = meetingConfirmation(actions.event.now(), meetingAt);
        confirmation.ifPresent(dueAt -> actions.followUp(FollowUpType.MEETING_CONFIRMATION, dueAt));
        actions.task(texts.text("meeting-preparation-task"), preparationDue(actions.event.now(), meetingAt));
        Map<String, Object> values = new HashMap<>();
        values.put("confirmation", confirmation.isPresent() && actions.event.leadId() != null ? "yes" : null);
        actions.note(texts.textAt("meeting-scheduled-note", meetingAt, values));
    }

    private void meetingConfirmed(Actions actions) {
        Optional<Instant> meeting = upcomingMeeting(actions);
        if (meeting.isEmpty()) {
            return;
        }
        Instant meetingAt = meeting.get();
        // The meeting happens when it was agreed, business hours or not.
        actions.task(texts.text("meeting-task"), meetingAt, CreateTask.MEETING);
        Instant reminder = calendar.intoBusinessHours(latest(meetingAt.minus(followUps.meetingReminderBefore()),
                actions.event.now()));
        if (reminder.isBefore(meetingAt)) {
            actions.followUp(FollowUpType.MEETING_REMINDER, reminder);
        }
    }

    private void inNegotiation(Actions actions) {
        Instant dueAt = actions.after(automation.negotiationTaskDelay());
        actions.task(texts.text("negotiation-proposal-task"), dueAt);
        actions.task(texts.text("negotiation-savings-task"), dueAt);
    }

    private void proposalSent(Actions actions) {
        List<Duration> delays = automation.proposalTaskDelays();
        for (int i = 0; i < delays.size(); i++) {
            actions.task(texts.text("proposal-task-" + (i + 1)), actions.after(delays.get(i)));
        }
        for (Duration delay : followUps.proposalDelays()) {
            actions.followUp(FollowUpType.PROPOSAL, actions.event.now().plus(delay));
        }
    }

    private void closed(Actions actions, String reason, String note, String task, Duration taskDelay) {
        actions.cancelFollowUps(reason);
        actions.note(texts.text(note));
        actions.task(texts.text(task), actions.after(taskDelay));
    }

    /** The meeting time when it is still ahead; otherwise a note says why nothing was scheduled. */
    private Optional<Instant> upcomingMeeting(Actions actions) {
        StageEvent event = actions.event;
        Map<String, Object> values = new HashMap<>();
        values.put("stage", event.stage().kommoName());
        if (event.meetingAt() == null) {
            actions.note(texts.render("meeting-missing-note", values));
            return Optional.empty();
        }
        if (!event.meetingAt().isAfter(event.now())) {
            actions.note(texts.textAt("meeting-past-note", event.meetingAt(), values));
            return Optional.empty();
        }
        return Optional.of(event.meetingAt());
    }

    /**
     * The confirmation time on the meeting day, or now when that has passed. None when business hours leave no
     * time for it on that day before the meeting: its text speaks of "today's meeting".
     */
    private Optional<Instant> meetingConfirmation(Instant now, Instant meetingAt) {
        Instant planned = calendar.atLocalTime(calendar.localDate(meetingAt), followUps.meetingConfirmationTime());
        Instant dueAt = calendar.intoBusinessHours(latest(planned, now));
        boolean sameDay = calendar.localDate(dueAt).equals(calendar.localDate(meetingAt));
        return sameDay && dueAt.isBefore(meetingAt) ? Optional.of(dueAt) : Optional.empty();
    }

    /**
     * Before the meeting, inside business hours: moved forward when that still precedes the meeting, else back
     * to the last business minute before it, else (no business time left) due at once.
     */
    private Instant preparationDue(Instant now, Instant meetingAt) {
        Instant planned = meetingAt.minus(automation.meetingPreparationBefore());
        Instant forward = calendar.intoBusinessHours(planned);
        if (forward.isBefore(meetingAt)) {
            return forward;
        }
        return latest(calendar.latestOpenAtOrBefore(planned), now);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Collects actions and numbers them per kind, which gives each its stable key. */
    private final class Actions {

        private final StageEvent event;
        private final List<AutomationAction> list = new ArrayList<>();
        private final Map<String, Integer> counts = new HashMap<>();

        Actions(StageEvent event) {
            this.event = event;
        }

        Instant after(Duration delay) {
            return calendar.intoBusinessHours(event.now().plus(delay));
        }

        void task(String text, Instant dueAt) {
            task(text, dueAt, CreateTask.CALL);
        }

        void task(String text, Instant dueAt, int taskTypeId) {
            list.add(new CreateTask(key("task"), text, dueAt, taskTypeId, event.responsibleUserId()));
        }

        void note(String text) {
            list.add(new AddNote(key("note"), text));
        }

        void followUp(FollowUpType type, Instant dueAt) {
            if (event.leadId() != null) {
                list.add(new ScheduleFollowUp(key("follow-up"), type, calendar.intoBusinessHours(dueAt)));
            }
        }

        void cancelFollowUps(String reason) {
            if (event.leadId() != null) {
                list.add(new CancelFollowUps(key("cancel-follow-ups"), reason));
            }
        }

        void alert(String text) {
            list.add(new AlertSalesperson(key("alert"), event.responsibleUserId(), text));
        }

        List<AutomationAction> list() {
            return List.copyOf(list);
        }

        private String key(String kind) {
            int n = counts.merge(kind, 1, Integer::sum) - 1;
            return kind + ":" + n;
        }
    }
}
