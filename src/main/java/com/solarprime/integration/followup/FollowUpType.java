package com.solarprime.integration.followup;

/**
 * The kinds of outgoing automated WhatsApp message. The names are those of the {@code follow_up.type} CHECK
 * constraint; the Portuguese text of each nudge is in {@code templates/followup/<type in lower case>.txt}
 * (CUSTOM, MESSAGE and CONSENT bring their own).
 */
public enum FollowUpType {
    /** Shortly after our last message went unanswered. */
    IMMEDIATE(Kind.NUDGE),
    /** A day after our last message went unanswered; also a warm lead's follow-up once qualified. */
    DAILY(Kind.NUDGE),
    /** On the morning of the meeting day. */
    MEETING_CONFIRMATION(Kind.SCHEDULED),
    /** Shortly before the meeting. */
    MEETING_REMINDER(Kind.SCHEDULED),
    /** Days after the proposal was sent. */
    PROPOSAL(Kind.SCHEDULED),
    /** A cold lead, a week later. */
    REENGAGEMENT(Kind.NUDGE),
    /** Text and time chosen by the caller. */
    CUSTOM(Kind.SCHEDULED),
    /** A one-off message of the automation (e.g. thanks for a won deal): still sent after the deal closed. */
    MESSAGE(Kind.MESSAGE),
    /** The confirmation of a consent change: the one message an opted-out lead still gets, at once. */
    CONSENT(Kind.CONSENT);

    private enum Kind { NUDGE, SCHEDULED, MESSAGE, CONSENT }

    private final Kind kind;

    FollowUpType(Kind kind) {
        this.kind = kind;
    }

    /**
     * Whether a message from the lead makes this follow-up pointless. The "are you still there?" cadence is;
     * a meeting confirmation or reminder and a proposal follow-up still have something to say after a reply.
     */
    public boolean cancelledByReply() {
        return kind == Kind.NUDGE;
    }

    /** Whether it no longer goes out once the deal is won or lost. */
    public boolean endsWithTheDeal() {
        return kind == Kind.NUDGE || kind == Kind.SCHEDULED;
    }

    /** Whether it respects the lead's opt-out and business hours (all but the consent confirmation). */
    public boolean automated() {
        return kind != Kind.CONSENT;
    }

    /** Whether the caller must give the text (there is no template of the type). */
    public boolean needsText() {
        return this == CUSTOM || kind == Kind.MESSAGE || kind == Kind.CONSENT;
    }
}
