package com.solarprime.integration.whatsapp;

import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.shared.PhoneNumbers;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Our side speaking: sends through the gateway and records the message like any other of the conversation. */
@Component
public class OutboundMessages {

    private final WhatsAppGateway gateway;
    private final Messages messages;
    private final Leads leads;
    private final Clock clock;

    public OutboundMessages(WhatsAppGateway gateway, Messages messages, Leads leads, Clock clock) {
        this.gateway = gateway;
        this.messages = messages;
        this.leads = leads;
        this.clock = clock;
    }

    /** Sends to the lead's WhatsApp address even when it opted out; only consent confirmations may. */
    public String sendRegardlessOfConsent(Lead lead, String text) {
        String id = gateway.sendText(PhoneNumbers.sendDigits(lead.phoneE164(), lead.whatsappJid()), text);
        messages.store(lead.id(), gateway.provider(), id, "out", "text", text, clock.instant());
        leads.touched(lead.id(), false, clock.instant());
        return id;
    }
}
