package com.solarprime.integration.automation;

import com.solarprime.integration.shared.LogSanitizer;
import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.whatsapp.OutboundMessage;
import com.solarprime.integration.whatsapp.WhatsAppGateway;
import com.solarprime.integration.whatsapp.WhatsAppSendException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * WhatsApp alerts to the sales team. Each is claimed once by its key in {@code notification} before it is
 * sent, so a stage change handled again, or by another instance, never alerts twice.
 */
@Component
public class SalesAlerts {

    private static final Logger log = LoggerFactory.getLogger(SalesAlerts.class);

    private final JdbcClient jdbc;
    private final WhatsAppGateway gateway;

    public SalesAlerts(JdbcClient jdbc, WhatsAppGateway gateway) {
        this.jdbc = jdbc;
        this.gateway = gateway;
    }

    public void send(String key, Optional<String> destination, String text) {
        if (destination.isEmpty()) {
            log.info("Alert {} not sent: no salesperson number nor sales group configured", key);
            return;
        }
        String to = destination.get().contains("@") || destination.get().contains("-") ? destination.get()
                : PhoneNumbers.tryE164(destination.get()).map(p -> p.substring(1)).orElse(destination.get());
        Optional<Long> claimed = jdbc.sql("""
                        INSERT INTO notification (dedupe_key, destination, text) VALUES (?, ?, ?)
                        ON CONFLICT (dedupe_key) DO NOTHING RETURNING id""")
                .params(key, to, text).query(Long.class).optional();
        if (claimed.isEmpty()) {
            return;
        }
        try {
            gateway.sendText(to, text);
            jdbc.sql("UPDATE notification SET status = 'sent', sent_at = now() WHERE id = ?").param(claimed.get()).update();
        } catch (WhatsAppSendException e) {
            jdbc.sql("UPDATE notification SET status = 'failed', last_error = ? WHERE id = ?")
                    .param(LogSanitizer.clean(e.getMessage())).param(claimed.get()).update();
            log.warn("Alert {} could not be sent: {}", key, LogSanitizer.clean(e.getMessage()));
        }
    }
}
