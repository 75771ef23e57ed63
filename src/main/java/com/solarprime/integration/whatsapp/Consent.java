package com.solarprime.integration.whatsapp;

import com.solarprime.integration.followup.FollowUpCancellation;
import com.solarprime.integration.kommo.KommoOutbox;
import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
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
 * automated message until it writes the resume keyword. Both changes reach Kommo as a tag and a note.
 */
@Component
public class Consent {

    public static final String OPT_OUT_TAG = "Opt-out";
    private static final Logger log = LoggerFactory.getLogger(Consent.class);

    private final OptOut optOut;
    private final OptOutProperties keywords;
    private final Leads leads;
    private final FollowUpCancellation followUps;
    private final KommoOutbox outbox;
    private final OutboundMessages outbound;
    private final TextTemplate confirmation = TextTemplate.fromClasspath("templates/opt-out-confirmation.txt");
    private final TextTemplate resumed = TextTemplate.fromClasspath("templates/opt-out-resumed.txt");
    private final TextTemplate optOutNote = TextTemplate.fromClasspath("templates/opt-out-note.txt");
    private final TextTemplate optInNote = TextTemplate.fromClasspath("templates/opt-in-note.txt");

    public Consent(OptOut optOut, OptOutProperties keywords, Leads leads, FollowUpCancellation followUps,
                   KommoOutbox outbox, OutboundMessages outbound) {
        this.optOut = optOut;
        this.keywords = keywords;
        this.leads = leads;
        this.followUps = followUps;
        this.outbox = outbox;
        this.outbound = outbound;
    }

    /** Applies what an inbound text says about consent; returns the intent it found. */
    public OptOut.Intent apply(long leadId, String text, String messageId) {
        OptOut.Intent intent = optOut.classify(text);
        if (intent == OptOut.Intent.OPT_OUT && leads.optOut(leadId, "keyword: " + text.trim())) {
            followUps.all(leadId, "opted out");
            Lead lead = leads.byId(leadId);
            setOptOutTag(lead, true);
            outbox.note(leadId, optOutNote.render(Map.of("keyword", text.trim())), "opt-out:" + messageId);
            outbox.updateLead(leadId);
            send(lead, confirmation.render(vars(lead, "resumeKeyword", keywords.resumeKeywords().get(0))));
            log.info("Lead {} opted out", leadId);
        } else if (intent == OptOut.Intent.RESUME && leads.optIn(leadId)) {
            Lead lead = leads.byId(leadId);
            setOptOutTag(lead, false);
            outbox.note(leadId, optInNote.render(Map.of("keyword", text.trim())), "opt-in:" + messageId);
            outbox.updateLead(leadId);
            send(lead, resumed.render(vars(lead, "optOutKeyword", keywords.keywords().get(0))));
            log.info("Lead {} opted back in", leadId);
        }
        return intent;
    }

    private void setOptOutTag(Lead lead, boolean optedOut) {
        List<String> tags = new ArrayList<>(lead.tags());
        tags.remove(OPT_OUT_TAG);
        if (optedOut) {
            tags.add(OPT_OUT_TAG);
        }
        leads.setTags(lead.id(), tags);
    }

    /** The confirmation is the one message an opted-out lead still gets, so it bypasses the consent check. */
    private void send(Lead lead, String text) {
        outbound.sendRegardlessOfConsent(lead, text);
    }

    private static Map<String, Object> vars(Lead lead, String key, String value) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("name", lead.firstName());
        vars.put(key, value);
        return vars;
    }
}
