package com.solarprime.integration.sandbox.whatsapp;

import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.whatsapp.LoggedMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One number's WhatsApp conversation as the simulator shows it: the messages stored for its lead (the lead's and
 * any of ours the service recorded), what the {@code log} provider sent to the number (consent confirmations,
 * follow-ups; also after a restart from the stored rows), and the alerts sent to the sales team about this lead
 * (their destinations masked), merged by time.
 */
@Component
@ConditionalOnSandbox
class ChatHistory {

    /** The latest stored messages shown; older ones stay in the table. */
    static final int LIMIT = 200;

    /**
     * One bubble of the chat.
     *
     * @param from {@code lead} (typed in the simulator or by the real lead), {@code us} (sent by the service or the
     *             agent) or {@code team} (an alert to a salesperson or the sales group about this lead)
     * @param to for a team alert, its destination masked; null otherwise
     */
    record ChatMessage(String id, String from, String text, String kind, Instant at, String to) {
    }

    /** @param lead whether the service has a lead for this number yet */
    record Conversation(String phone, boolean lead, List<ChatMessage> messages) {
    }

    private final JdbcClient jdbc;
    private final Leads leads;
    private final LoggedMessages logged;

    ChatHistory(JdbcClient jdbc, Leads leads, LoggedMessages logged) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.logged = logged;
    }

    Conversation of(String phoneE164) {
        List<ChatMessage> messages = new ArrayList<>();
        Optional<Lead> lead = leads.byPhone(phoneE164);
        lead.ifPresent(l -> {
            messages.addAll(stored(l.id()));
            messages.addAll(alerts(l.id()));
        });
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.id()));
        logged.to(phoneE164).stream()
                .filter(sent -> !ids.contains(sent.id()))
                .map(sent -> new ChatMessage(sent.id(), "us", sent.text(), sent.kind(), sent.sentAt(), null))
                .forEach(messages::add);
        messages.sort(Comparator.comparing(ChatMessage::at));
        return new Conversation(phoneE164, lead.isPresent(), messages);
    }

    private List<ChatMessage> stored(long leadId) {
        List<ChatMessage> latest = new ArrayList<>(jdbc.sql("""
                        SELECT provider_message_id, direction, message_type, text, sent_at FROM message
                        WHERE lead_id = ? ORDER BY sent_at DESC, id DESC LIMIT ?""")
                .param(leadId).param(LIMIT)
                .query((rs, n) -> new ChatMessage(rs.getString(1), "in".equals(rs.getString(2)) ? "lead" : "us",
                        rs.getString(4), rs.getString(3), rs.getTimestamp(5).toInstant(), null))
                .list());
        Collections.reverse(latest);
        return latest;
    }

    private List<ChatMessage> alerts(long leadId) {
        return jdbc.sql("""
                        SELECT id, destination, text, sent_at FROM notification
                        WHERE lead_id = ? AND status = 'sent' ORDER BY sent_at DESC, id DESC LIMIT ?""")
                .param(leadId).param(LIMIT)
                .query((rs, n) -> new ChatMessage("alert-" + rs.getLong(1), "team", rs.getString(3), "text",
                        rs.getTimestamp(4).toInstant(), destination(rs.getString(2))))
                .list();
    }

    /** A group is named as such; a salesperson's number keeps only its last digits. */
    private static String destination(String destination) {
        return destination.contains("@") || destination.contains("-") ? "sales group"
                : PhoneNumbers.mask(destination);
    }
}
