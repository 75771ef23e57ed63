package com.solarprime.integration.automation;

import com.solarprime.integration.followup.FollowUpType;
import com.solarprime.integration.qualification.LocalStage;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing the pipeline automation wants done after a stage change, as a step of the {@code pipeline-automation}
 * route planned it. The {@link #key()} names the action within its stage change by its kind and parameters
 * ("task:negotiation-proposal-task@1d") and stays the same however often the change is evaluated, so that the
 * executor makes each action idempotent with the change's own identity plus this key.
 */
public sealed interface AutomationAction {

    String key();

    /**
     * A Kommo task on the lead.
     *
     * @param taskTypeId Kommo task type: {@link #CALL} or {@link #MEETING}
     * @param responsibleUserId Kommo user; null leaves it to Kommo (the lead's responsible user)
     */
    record CreateTask(String key, String text, Instant dueAt, int taskTypeId, Long responsibleUserId)
            implements AutomationAction {

        /** Kommo's built-in "Follow-up" (call) task type. */
        public static final int CALL = 1;
        /** Kommo's built-in "Meeting" task type. */
        public static final int MEETING = 2;

        public CreateTask {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    /** A common note on the lead. */
    record AddNote(String key, String text) implements AutomationAction {

        public AddNote {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A WhatsApp follow-up to the local lead, a row in {@code follow_up}.
     *
     * @param text the message for CUSTOM and MESSAGE types (others have their template); may be null
     */
    record ScheduleFollowUp(String key, FollowUpType type, Instant dueAt, String text) implements AutomationAction {

        public ScheduleFollowUp {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    /** Every pending follow-up of the lead; {@code reason} goes to {@code follow_up.cancel_reason}. */
    record CancelFollowUps(String key, String reason) implements AutomationAction {

        public CancelFollowUps {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A WhatsApp message to a salesperson; where it goes is
     * {@link com.solarprime.integration.automation.AutomationProperties#alertDestination(Long)}.
     *
     * @param userId the lead's responsible Kommo user, null when unknown (the sales group gets it)
     */
    record AlertSalesperson(String key, Long userId, String text) implements AutomationAction {

        public AlertSalesperson {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The lead moved to another stage of our pipeline, locally and then in Kommo. */
    record MoveStage(String key, LocalStage stage) implements AutomationAction {

        public MoveStage {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(stage, "stage");
        }
    }
}
