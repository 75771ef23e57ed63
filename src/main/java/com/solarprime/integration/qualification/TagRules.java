package com.solarprime.integration.qualification;

import com.solarprime.integration.qualification.QualificationProperties.Tags;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The seed's automatic Kommo tags, named as in the account. */
public final class TagRules {

    public static final String WHATSAPP_LEAD = "WhatsApp Lead";
    public static final String HOT = "Lead Quente";
    public static final String WARM = "Lead Morno";
    public static final String COLD = "Lead Frio";
    /** Set while the lead has opted out of automated messages. */
    public static final String OPT_OUT = "Opt-out";
    public static final String HIGH_VALUE = "Alto Valor";
    public static final String MEDIUM_VALUE = "Médio Valor";
    public static final String HAS_COMPETITOR = "Tem Concorrente";
    public static final String HAS_DISCOUNT = "Já Tem Desconto";
    public static final String URGENT = "Urgente";
    public static final String HIGH_ENGAGEMENT = "Alto Engajamento";

    /**
     * Tags that describe a level the lead is at now: a new qualification replaces them. The others
     * record something once learnt and are only ever added.
     */
    private static final Set<String> LEVEL_TAGS = lowerCase(List.of(HOT, WARM, COLD, HIGH_VALUE, MEDIUM_VALUE));

    private final Tags rules;

    public TagRules(Tags rules) {
        this.rules = rules;
    }

    /** The tags for a profile whose engagement figures are filled in, in the seed's order. */
    public List<String> tags(LeadProfile profile, int score) {
        List<String> tags = new ArrayList<>();
        tags.add(WHATSAPP_LEAD);
        if (score >= rules.hotScore()) {
            tags.add(HOT);
        } else if (score >= rules.warmScore()) {
            tags.add(WARM);
        } else {
            tags.add(COLD);
        }
        BigDecimal bill = profile.energyBillValue();
        if (bill != null && bill.compareTo(rules.highValueBill()) >= 0) {
            tags.add(HIGH_VALUE);
        } else if (bill != null && bill.compareTo(rules.mediumValueBill()) >= 0) {
            tags.add(MEDIUM_VALUE);
        }
        if (hasText(profile.competitor())) {
            tags.add(HAS_COMPETITOR);
        }
        if (hasText(profile.currentDiscount())) {
            tags.add(HAS_DISCOUNT);
        }
        if (Timeline.fromCode(profile.timeline()).orElse(null) == Timeline.IMMEDIATE) {
            tags.add(URGENT);
        }
        if (profile.messageCount() != null && profile.messageCount() > rules.highEngagementAbove()) {
            tags.add(HIGH_ENGAGEMENT);
        }
        return List.copyOf(tags);
    }

    /**
     * The tag set to write to Kommo, which replaces the whole set on update: the lead's current tags
     * (including those a person added) without the level tags that no longer apply, plus the computed
     * ones. Names are compared without case, so that "urgente" and "Urgente" do not both end up on the lead.
     */
    public static List<String> merge(Collection<String> current, Collection<String> computed) {
        Map<String, String> merged = new LinkedHashMap<>();
        Set<String> computedKeys = lowerCase(computed);
        for (String tag : current) {
            String key = tag.toLowerCase(Locale.ROOT);
            if (!LEVEL_TAGS.contains(key) || computedKeys.contains(key)) {
                merged.putIfAbsent(key, tag);
            }
        }
        for (String tag : computed) {
            merged.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        return List.copyOf(merged.values());
    }

    private static Set<String> lowerCase(Collection<String> tags) {
        return tags.stream().map(tag -> tag.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
