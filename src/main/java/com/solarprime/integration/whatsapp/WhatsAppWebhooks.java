package com.solarprime.integration.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.inbox.InboxWriter;
import com.solarprime.integration.shared.ClientError;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The receiving end of the WhatsApp webhooks: authenticate, check the body is the provider's JSON,
 * store it in the inbox (committed) and say so. Processing happens later, from the inbox.
 */
@Component("whatsappWebhooks")
public class WhatsAppWebhooks {

    private final EvolutionAuthenticator evolutionAuth;
    private final MetaSignatureVerifier metaSignature;
    private final MetaVerification metaVerification;
    private final EvolutionWebhookParser evolutionParser;
    private final MetaWebhookParser metaParser;
    private final InboxWriter inbox;

    public WhatsAppWebhooks(EvolutionAuthenticator evolutionAuth, MetaSignatureVerifier metaSignature,
                            MetaVerification metaVerification, ObjectMapper json, InboxWriter inbox) {
        this.evolutionAuth = evolutionAuth;
        this.metaSignature = metaSignature;
        this.metaVerification = metaVerification;
        this.evolutionParser = new EvolutionWebhookParser(json);
        this.metaParser = new MetaWebhookParser(json);
        this.inbox = inbox;
    }

    /** Evolution API v2: shared secret header or Evolution's HS256 JWT. */
    public Map<String, Object> evolution(Exchange exchange) {
        Message in = exchange.getMessage();
        WebhookAuthResult auth = evolutionAuth.authenticate(in.getHeader("X-Webhook-Secret", String.class),
                in.getHeader("Authorization", String.class));
        if (!auth.accepted()) {
            throw new ClientError(401, auth.reason());
        }
        String body = in.getBody(String.class);
        return store("evolution", body, evolutionParser.parse(body));
    }

    /** Meta Cloud API: the signature is checked on the raw bytes before anything is parsed. */
    public Map<String, Object> meta(Exchange exchange) {
        Message in = exchange.getMessage();
        byte[] raw = in.getBody(byte[].class);
        WebhookAuthResult auth = metaSignature.verify(raw == null ? new byte[0] : raw,
                in.getHeader("X-Hub-Signature-256", String.class));
        if (!auth.accepted()) {
            throw new ClientError(401, auth.reason());
        }
        String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        return store("meta", body, metaParser.parse(body));
    }

    /** Meta's subscription check: the challenge echoed when the verify token matches. */
    public String metaChallenge(Exchange exchange) {
        Message in = exchange.getMessage();
        return metaVerification.challengeResponse(in.getHeader("hub.mode", String.class),
                        in.getHeader("hub.verify_token", String.class), in.getHeader("hub.challenge", String.class))
                .orElseThrow(() -> new ClientError(403, "verify token mismatch"));
    }

    private Map<String, Object> store(String source, String body, ParsedWebhook parsed) {
        Map<String, Object> reply = new LinkedHashMap<>();
        if (parsed instanceof ParsedWebhook.Invalid invalid) {
            throw new ClientError(400, invalid.reason());
        } else if (parsed instanceof ParsedWebhook.Ignored ignored) {
            reply.put("status", "ignored");
            reply.put("reason", ignored.reason());
        } else if (parsed instanceof ParsedWebhook.Accepted accepted) {
            boolean fresh = inbox.store(new InboxWriter.Delivery(source, accepted.dedupeKey(), "application/json", body));
            reply.put("status", fresh ? "accepted" : "duplicate");
        }
        return reply;
    }
}
