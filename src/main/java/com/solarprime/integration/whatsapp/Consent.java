package com.solarprime.integration.whatsapp;

import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.qualification.TagRules;
import com.solarprime.integration.shared.TextTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * LGPD and WhatsApp policy: a lead who writes only an opt-out keyword gets one confirmation and no further
 * automated message until it writes the resume keyword. This records the change on the lead and words what the
 * {@code consent} route then queues: the Kommo note and the confirmation.
 */
@Component("consent")
public class Consent {

    private static final Logger log = LoggerFactory.getLogger(Consent.class);

    /**
     * What a message did to the lead's consent.
     *
     * @param change {@code OPTED_OUT}, {@code OPTED_IN} or {@code NONE}
     * @param note the Kommo note about it (null for none)
     * @param confirmation the WhatsApp confirmation to the lead (null for none)
     * @param messageId the lead's message, which keys the note and the confirmation
     */
    public record Change(String change, long leadId, String note, String confirmation, String messageId) {

        public boolean isChanged() {
            return !"NONE".equals(change);
        }

        public boolean isOptedOut() {
            return "OPTED_OUT".equals(change);
        }
    }

    private final OptOut optOut;
    private final OptOutProperties keywords;
    private final Leads leads;
    private final TextTemplate confirmation = TextTemplate.fromClasspath("templates/opt-out-confirmation.txt");
    private final TextTemplate resumed = TextTemplate.fromClasspath("templates/opt-out-resumed.txt");
    private final TextTemplate optOutNote = TextTemplate.fromClasspath("templates/opt-out-note.txt");
    private final TextTemplate optInNote = TextTemplate.fromClasspath("templates/opt-in-note.txt");

    public Consent(OptOut optOut, OptOutProperties keywords, Leads leads) {
        this.optOut = optOut;
        this.keywords = keywords;
        this.leads = leads;
    }

    /** Records what the lead's message says about consent: the opt-out (or resume) with the "Opt-out" tag. */
    public Change apply(Conversations.Recorded recorded) {
        long leadId = recorded.leadId();
        String text = recorded.getText();
        OptOut.Intent intent = text == null ? OptOut.Intent.NONE : optOut.classify(text);
        if (intent == OptOut.Intent.OPT_OUT && leads.optOut(leadId, "keyword: " + text.trim())) {
            Lead lead = setOptOutTag(leadId, true);
            log.info("Lead {} opted out", leadId);
            return new Change("OPTED_OUT", leadId, optOutNote.render(Map.of("keyword", text.trim())),
                    confirmation.render(vars(lead, "resumeKeyword", keywords.resumeKeywords().get(0))), recorded.getMessageId());
        }
        if (intent == OptOut.Intent.RESUME && leads.optIn(leadId)) {
            Lead lead = setOptOutTag(leadId, false);
            log.info("Lead {} opted back in", leadId);
            return new Change("OPTED_IN", leadId, optInNote.render(Map.of("keyword", text.trim())),
                    resumed.render(vars(lead, "optOutKeyword", keywords.keywords().get(0))), recorded.getMessageId());
        }
        return new Change("NONE", leadId, null, null, recorded.getMessageId());
    }

    private Lead setOptOutTag(long leadId, boolean optedOut) {
        Lead lead = leads.byId(leadId);
        List<String> tags = new ArrayList<>(lead.tags());
        tags.remove(TagRules.OPT_OUT);
        if (optedOut) {
            tags.add(TagRules.OPT_OUT);
        }
        leads.setTags(leadId, tags);
        return lead;
    }

    private static Map<String, Object> vars(Lead lead, String key, String value) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("name", lead.firstName());
        vars.put(key, value);
        return vars;
    }
}
