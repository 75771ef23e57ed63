package com.solarprime.integration.followup;

/**
 * The kinds of follow-up. The names are those of the {@code follow_up.type} CHECK constraint; the
 * Portuguese text of each is in {@code templates/followup/<type in lower case>.txt} (CUSTOM brings its own).
 */
public enum FollowUpType {
    /** Shortly after our last message went unanswered. */
    IMMEDIATE(true),
    /** A day after our last message went unanswered; also a warm lead's follow-up once qualified. */
    DAILY(true),
    /** On the morning of the meeting day. */
    MEETING_CONFIRMATION(false),
    /** Shortly before the meeting. */
    MEETING_REMINDER(false),
    /** Days after the proposal was sent. */
    PROPOSAL(false),
    /** A cold lead, a week later. */
    REENGAGEMENT(true),
    /** Text and time chosen by the caller. */
    CUSTOM(false);

    private final boolean cancelledByReply;

    FollowUpType(boolean cancelledByReply) {
        this.cancelledByReply = cancelledByReply;
    }

    /**
     * Whether a message from the lead makes this follow-up pointless. The "are you still there?" cadence is;
     * a meeting confirmation or reminder and a proposal follow-up still have something to say after a reply.
     */
    public boolean cancelledByReply() {
        return cancelledByReply;
    }
}
