package com.solarprime.integration.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.followup.FollowUpCancellation;
import com.solarprime.integration.followup.FollowUps;
import com.solarprime.integration.kommo.KommoOutbox;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.qualification.ConversationStats;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Turns stored WhatsApp deliveries into leads, messages and their consequences. */
@Component("conversations")
public class Conversations {

    private static final Logger log = LoggerFactory.getLogger(Conversations.class);

    /** One message after it was stored. */
    public record Recorded(long leadId, InboundMessage message, boolean newLead, boolean newMessage) {

        public boolean isNewMessage() {
            return newMessage;
        }
    }

    private final EvolutionWebhookParser evolution;
    private final MetaWebhookParser meta;
    private final Leads leads;
    private final Messages messages;
    private final FollowUpCancellation followUps;
    private final Consent consent;
    private final KommoOutbox outbox;
    private final FollowUps cadence;
    private final JdbcClient jdbc;

    public Conversations(ObjectMapper json, Leads leads, Messages messages, FollowUpCancellation followUps,
                         Consent consent, KommoOutbox outbox, FollowUps cadence, JdbcClient jdbc) {
        this.evolution = new EvolutionWebhookParser(json);
        this.meta = new MetaWebhookParser(json);
        this.leads = leads;
        this.messages = messages;
        this.followUps = followUps;
        this.consent = consent;
        this.outbox = outbox;
        this.cadence = cadence;
        this.jdbc = jdbc;
    }

    /** The messages of a stored delivery (it was checked on arrival, so anything else means nothing to do). */
    public List<InboundMessage> messages(String source, String payload) {
        ParsedWebhook parsed = "meta".equals(source) ? meta.parse(payload) : evolution.parse(payload);
        return parsed instanceof ParsedWebhook.Accepted accepted ? accepted.messages() : List.of();
    }

    /** The stored message, or null when it cannot belong to a lead (a LID nobody has a phone number for). */
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

    /**
     * What a new message changes: activity; our message (re)starts the "no reply" cadence, the lead's stops it
     * and may change consent; and the conversation's lead is created in Kommo.
     */
    public void afterMessage(Recorded recorded) {
        InboundMessage m = recorded.message();
        leads.touched(recorded.leadId(), !m.fromMe(), m.sentAt());
        if (m.fromMe()) {
            cadence.restartCadence(recorded.leadId(), m.sentAt(), m.providerMessageId());
        } else {
            followUps.onReply(recorded.leadId());
            if (m.text() != null) {
                consent.apply(recorded.leadId(), m.text(), m.providerMessageId());
            }
        }
        outbox.createLead(recorded.leadId());
    }

    /** Engagement computed from the stored conversation, never taken on trust from input. */
    public ConversationStats stats(long leadId) {
        return ConversationStats.of(jdbc.sql("SELECT direction = 'in', sent_at FROM message WHERE lead_id = ? ORDER BY sent_at, id")
                .param(leadId)
                .query((rs, n) -> new ConversationStats.Message(rs.getBoolean(1), rs.getTimestamp(2).toInstant()))
                .list());
    }

    private Optional<Leads.Contact> contactOf(InboundMessage m) {
        if (m.phone() != null) {
            String jid = m.remoteJid() != null && !m.remoteJid().endsWith("@lid") ? m.remoteJid() : null;
            return Optional.of(leads.contactByPhone(m.phone(), jid, m.lidJid(), m.fromMe() ? null : m.pushName()));
        }
        return leads.idByLid(m.lidJid()).map(id -> new Leads.Contact(id, false));
    }
}
