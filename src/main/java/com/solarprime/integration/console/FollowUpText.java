package com.solarprime.integration.console;

import com.solarprime.integration.followup.FollowUpTemplates;
import com.solarprime.integration.followup.FollowUpType;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** What a follow-up will say, rendered as the dispatcher renders it from what is stored now. */
@Component
class FollowUpText {

    private final FollowUpTemplates templates;

    FollowUpText(FollowUpTemplates templates) {
        this.templates = templates;
    }

    /**
     * The text, or the template's name when the stored data cannot render it (a type without wording of its own and
     * without a text). With Meta, outside the lead's 24-hour window the approved template goes out instead.
     */
    String of(String type, String leadName, String text) {
        try {
            return templates.render(FollowUpType.valueOf(type), leadName, text);
        } catch (IllegalArgumentException cannotRender) {
            return "(template followup/" + type.toLowerCase(Locale.ROOT) + ")";
        }
    }
}
