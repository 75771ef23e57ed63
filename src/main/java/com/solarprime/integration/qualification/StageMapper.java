package com.solarprime.integration.qualification;

import java.util.EnumSet;
import java.util.Set;

/** Which pipeline stage a conversation justifies, and whether the service may move a lead there. */
public final class StageMapper {

    /** Stages past the meeting are set by a person in Kommo (or close the deal): the service leaves them alone. */
    private static final Set<LocalStage> HANDS_OFF = EnumSet.of(
            LocalStage.IN_NEGOTIATION, LocalStage.PROPOSAL_SENT, LocalStage.WON, LocalStage.LOST);

    private StageMapper() {
    }

    /** The seed's table; an absent or unknown stage means the conversation is under way. */
    public static LocalStage fromQualificationStage(String qualificationStage) {
        return QualificationStage.fromCode(qualificationStage)
                .map(StageMapper::fromQualificationStage)
                .orElse(LocalStage.IN_QUALIFICATION);
    }

    public static LocalStage fromQualificationStage(QualificationStage stage) {
        return switch (stage) {
            case INITIAL -> LocalStage.NEW;
            case IDENTIFYING, SOLUTION_DISCOVERY, VALUE_ASSESSMENT -> LocalStage.IN_QUALIFICATION;
            case COMPETITOR_ANALYSIS -> LocalStage.QUALIFIED;
            case SCHEDULING -> LocalStage.MEETING_SCHEDULED;
            case SCHEDULED -> LocalStage.MEETING_CONFIRMED;
        };
    }

    /**
     * The stage a lead ends up in when the service proposes one: only forward, never out of a stage a
     * person set past the meeting, never out of won or lost. Returns {@code current} when the move is refused.
     *
     * @param current the lead's stage now; null for a lead not yet staged
     * @param proposed the stage the service would like; null proposes nothing
     */
    public static LocalStage nextStage(LocalStage current, LocalStage proposed) {
        if (current == null) {
            return proposed;
        }
        if (proposed == null || HANDS_OFF.contains(current)) {
            return current;
        }
        return proposed.isAfter(current) ? proposed : current;
    }
}
