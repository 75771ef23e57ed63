package com.solarprime.integration.meeting;

import com.solarprime.integration.automation.AutomationTexts;
import com.solarprime.integration.automation.DueRule;
import com.solarprime.integration.automation.DueRules;
import com.solarprime.integration.automation.StageEvent;
import com.solarprime.integration.followup.FollowUpType;
import com.solarprime.integration.followup.FollowUps;
import com.solarprime.integration.kommo.KommoOutbox;
import com.solarprime.integration.qualification.LocalStage;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A booked or moved meeting's messages and tasks, planned as the pipeline automation plans them for a stage change
 * (the same due rules, the same templates), for a lead whose stage does not change: the meeting route says which.
 */
@Component("meetingFollowUps")
public class MeetingFollowUps {

    private final DueRules dueRules;
    private final FollowUps followUps;
    private final KommoOutbox outbox;
    private final AutomationTexts texts;
    private final Clock clock;

    public MeetingFollowUps(DueRules dueRules, FollowUps followUps, KommoOutbox outbox, AutomationTexts texts,
                            Clock clock) {
        this.dueRules = dueRules;
        this.followUps = followUps;
        this.outbox = outbox;
        this.texts = texts;
        this.clock = clock;
    }

    /** A WhatsApp message about the meeting, when {@code due} (a due rule) falls before it. */
    public void schedule(Booking booking, FollowUpType type, String due) {
        if (booking.leadId() == null) {
            return;
        }
        dueRules.followUp(DueRule.parse(due), event(booking)).ifPresent(dueAt -> followUps.schedule(booking.leadId(), type,
                dueAt, null, "meeting:" + booking.id() + ":" + type + "@" + dueAt.getEpochSecond()));
    }

    /** A Kommo task ({@code templates/automation/<template>.txt}) for the meeting's salesperson. */
    public void task(Booking booking, String template, String due) {
        dueRules.task(DueRule.parse(due), event(booking)).ifPresent(dueAt -> outbox.task(booking.leadId(),
                booking.kommoLeadId(), texts.render(template, null, values(booking)), dueAt, 1, booking.salespersonId(),
                "meeting:" + booking.id() + ":" + template + "@" + dueAt.getEpochSecond()));
    }

    /** The pending confirmation and reminder of the lead's meeting, which was moved or cancelled. */
    public void cancel(Booking booking, String reason) {
        if (booking.leadId() != null) {
            followUps.cancelMeetingMessages(booking.leadId(), reason);
        }
    }

    private StageEvent event(Booking booking) {
        return new StageEvent(booking.leadStage() == null ? null : LocalStage.valueOf(booking.leadStage()),
                booking.kommoLeadId() == null ? 0 : booking.kommoLeadId(), booking.leadId(), booking.leadName(),
                booking.score(), booking.start(), booking.responsibleUserId(), clock.instant());
    }

    private static Map<String, Object> values(Booking booking) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", booking.leadName());
        values.put("leadId", booking.kommoLeadId());
        values.put("score", booking.score());
        values.put("stage", booking.leadStage() == null ? null : LocalStage.valueOf(booking.leadStage()).kommoName());
        return values;
    }
}
