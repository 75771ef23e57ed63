package com.solarprime.integration.qualification;

import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.shared.TextTemplate;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's AI note on a lead (profile, interest, current situation, qualification analysis,
 * observations), worded in {@code templates/qualification-note.txt}. Sections without data are left out.
 */
public final class QualificationNote {

    private static final String TEMPLATE = "templates/qualification-note.txt";
    private static final Locale BRAZIL = Locale.forLanguageTag("pt-BR");

    private final TextTemplate template;

    public QualificationNote() {
        this.template = TextTemplate.fromClasspath(TEMPLATE);
    }

    /** Renders the note for a profile whose engagement figures are filled in. */
    public String render(LeadProfile profile, SolutionType solutionType, int score) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", profile.name());
        values.put("phone", PhoneNumbers.tryE164(profile.phone()).orElse(profile.phone()));
        values.put("bill", profile.energyBillValue() == null ? null : money(profile.energyBillValue()));
        values.put("solution", hasText(profile.solutionInterest()) ? solutionType.kommoName() : null);
        values.put("timeline", profile.timeline());
        values.put("situation", hasText(profile.competitor()) || hasText(profile.currentDiscount()) ? "yes" : null);
        values.put("competitor", profile.competitor());
        values.put("currentDiscount", profile.currentDiscount());
        values.put("score", score);
        values.put("stage", profile.qualificationStage());
        values.put("messages", profile.messageCount());
        values.put("responseSeconds",
                profile.avgResponseTimeSeconds() == null ? null : Math.round(profile.avgResponseTimeSeconds()));
        values.put("observations", profile.observations() == null ? null : profile.observations().strip());
        return template.render(values);
    }

    /** 3500 → "3.500,00", as a Brazilian reads money. */
    private static String money(BigDecimal value) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(BRAZIL)).format(value);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
