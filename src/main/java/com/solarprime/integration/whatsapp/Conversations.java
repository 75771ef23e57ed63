package com.solarprime.integration.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.lead.Leads;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The steps of a stored WhatsApp delivery that belong to the conversation: its messages, each stored once, and the lead's activity. */
@Component("conversations")
public class Conversations {

    private static final Logger log = LoggerFactory.getLogger(Conversations.class);

    /** One message after it was stored. */
    public record Recorded(long leadId, InboundMessage message, boolean newLead, boolean newMessage) {

        /** Sent by our side (the agent or a salesperson), not by the lead. */
        public boolean isFromMe() {
            return message.fromMe();
        }

        public Instant getSentAt() {
            return message.sentAt();
        }

        public String getMessageId() {
            return message.providerMessageId();
        }

        public String getText() {
            return message.text();
        }
    }

    private final EvolutionWebhookParser evolution;
    private final MetaWebhookParser meta;
    private final Leads leads;
    private final Messages messages;
    private final WhatsAppProperties whatsapp;

    public Conversations(ObjectMapper json, Leads leads, Messages messages, WhatsAppProperties whatsapp) {
        this.evolution = new EvolutionWebhookParser(json);
        this.meta = new MetaWebhookParser(json);
        this.leads = leads;
        this.messages = messages;
        this.whatsapp = whatsapp;
    }

    /** The messages of a stored delivery (it was checked on arrival, so anything else means nothing to do). */
    public List<InboundMessage> messages(String source, String payload) {
        ParsedWebhook parsed = "meta".equals(source) ? meta.parse(payload) : evolution.parse(payload);
        return parsed instanceof ParsedWebhook.Accepted accepted ? accepted.messages() : List.of();
    }

    /**
     * The message stored once, its lead found or created by phone; null when it cannot belong to a lead (a LID
     * nobody has a phone number for).
     */
    public Recorded record(InboundMessage m) {
        Optional<Leads.Contact> contact = contactOf(m);
        if (contact.isEmpty()) {
            log.info("Message {} skipped: a LID with no phone number and no known lead", m.providerMessageId());
            return null;
        }
        long leadId = contact.get().leadId();
        boolean fresh = messages.store(leadId, m.provider().dbValue(), m.providerMessageId(), m.direction().dbValue(),
                m.messageType().dbValue(), m.text(), m.sentAt());
        return new Recorded(leadId, m, contact.get().created(), fresh);
    }

    /** A message our side sent through the provider, recorded like any other of the conversation. */
    public void ourMessage(long leadId, String providerMessageId, String text, Instant sentAt) {
        messages.store(leadId, whatsapp.provider(), providerMessageId, "out", "text", text, sentAt);
        leads.touched(leadId, false, sentAt);
    }

    /** When the lead last wrote, or was last written to. */
    public void activity(Recorded recorded) {
        leads.touched(recorded.leadId(), !recorded.isFromMe(), recorded.getSentAt());
    }

    private Optional<Leads.Contact> contactOf(InboundMessage m) {
        if (m.phone() != null) {
            String jid = m.remoteJid() != null && !m.remoteJid().endsWith("@lid") ? m.remoteJid() : null;
            return Optional.of(leads.contactByPhone(m.phone(), jid, m.lidJid(), m.fromMe() ? null : m.pushName()));
        }
        return leads.idByLid(m.lidJid()).map(id -> new Leads.Contact(id, false));
    }
}
