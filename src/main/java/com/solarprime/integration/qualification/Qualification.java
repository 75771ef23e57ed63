package com.solarprime.integration.qualification;

import java.util.List;

/**
 * Everything the qualification of one lead decides.
 *
 * @param score 0–100
 * @param solutionType the Kommo "Tipo de Solução" option
 * @param tags the computed tags; merge them with the lead's current ones ({@link TagRules#merge}) before writing
 * @param note the AI note for Kommo, in Portuguese
 * @param responsible who should own the lead
 * @param targetStage the stage the conversation justifies; {@link #stageFrom} applies the forward-only rule
 */
public record Qualification(int score, SolutionType solutionType, List<String> tags, String note,
                            ResponsibleUserRule.Assignment responsible, LocalStage targetStage) {

    public Qualification {
        tags = List.copyOf(tags);
    }

    /** The stage the lead ends up in from {@code current}: the target if that is a permitted move, else current. */
    public LocalStage stageFrom(LocalStage current) {
        return StageMapper.nextStage(current, targetStage);
    }
}
