package com.solarprime.integration.qualification;

import org.springframework.stereotype.Component;

/**
 * Qualifies a lead from what the agent reported and what the stored conversation shows. Validate the
 * profile first ({@link ProfileValidator}): unknown values here simply earn nothing.
 */
@Component
public class Qualifier {

    private final LeadScorer scorer;
    private final SolutionTypeResolver solutionTypes;
    private final TagRules tagRules;
    private final ResponsibleUserRule responsibleUsers;
    private final QualificationNote note;

    public Qualifier(QualificationProperties properties) {
        this.scorer = new LeadScorer(properties.score());
        this.solutionTypes = new SolutionTypeResolver(properties.discountHighBillAbove());
        this.tagRules = new TagRules(properties.tags());
        this.responsibleUsers = new ResponsibleUserRule(properties.responsible());
        this.note = new QualificationNote();
    }

    /**
     * @param profile the agent's profile; its {@code message_count} and {@code avg_response_time} win when present
     * @param stats the stored conversation's figures, used for whatever the profile leaves out
     */
    public Qualification qualify(LeadProfile profile, ConversationStats stats) {
        LeadProfile effective = profile.withStats(stats == null ? ConversationStats.NONE : stats);
        int score = scorer.score(effective);
        SolutionType solutionType = solutionTypes.resolve(effective.solutionInterest(), effective.energyBillValue());
        return new Qualification(
                score,
                solutionType,
                tagRules.tags(effective, score),
                note.render(effective, solutionType, score),
                responsibleUsers.assign(effective.energyBillValue(), solutionType),
                StageMapper.fromQualificationStage(effective.qualificationStage()));
    }
}
