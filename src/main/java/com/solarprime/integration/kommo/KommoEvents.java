package com.solarprime.integration.kommo;

import com.solarprime.integration.inbox.Inbox;
import com.solarprime.integration.kommo.webhook.KommoDelivery;
import com.solarprime.integration.kommo.webhook.KommoEvent;
import com.solarprime.integration.kommo.webhook.KommoWebhookParser;
import com.solarprime.integration.kommo.webhook.StatusChange;
import com.solarprime.integration.lead.StageChange;
import com.solarprime.integration.lead.StageHistory;
import com.solarprime.integration.qualification.LocalStage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a stored Kommo delivery means: status changes are recorded once each (their automation runs from there),
 * lead changes update the local mirror, and a delivery with nothing this service acts on is kept as
 * {@code ignored} with the reason. Runs in the delivery's transaction.
 */
@Component("kommoEvents")
public class KommoEvents {

    private final KommoWebhookParser parser;
    private final StageHistory stageHistory;
    private final AccountMap map;
    private final KommoLeadMirror leadMirror;
    private final Inbox inbox;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final List<KommoEventHandler> handlers;

    public KommoEvents(KommoWebhookParser parser, StageHistory stageHistory, AccountMap map, KommoLeadMirror leadMirror,
                       Inbox inbox, JdbcClient jdbc, Clock clock, List<KommoEventHandler> handlers) {
        this.parser = parser;
        this.stageHistory = stageHistory;
        this.map = map;
        this.leadMirror = leadMirror;
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.clock = clock;
        this.handlers = List.copyOf(handlers);
    }

    public void process(Exchange exchange) {
        KommoDelivery delivery = parser.parse(exchange.getMessage().getBody(String.class),
                exchange.getMessage().getHeader("inboxContentType", String.class));
        List<String> ignored = new ArrayList<>();
        int handled = 0;
        for (KommoEvent event : delivery.events()) {
            if ("leads".equals(event.entity()) && event.entityId().isPresent()) {
                if ("delete".equals(event.action())) {
                    leadMirror.deleted(event.entityId().get());
                } else {
                    leadMirror.event(event);
                }
            }
            boolean acted = false;
            if (event.statusChange().isPresent()) {
                StatusChange change = event.statusChange().get();
                StageChanges.record(stageHistory, map, new StageChange(change.leadId(), change.pipelineId(),
                        change.oldStatusId(), change.statusId(),
                        map.stageKeyOf(change.pipelineId(), change.statusId()).map(LocalStage::valueOf).orElse(null),
                        change.updatedAt() == null ? clock.instant() : Instant.ofEpochSecond(change.updatedAt()),
                        "webhook"));
                acted = true;
            } else if ("leads".equals(event.entity()) && event.entityId().isPresent()) {
                acted = mirror(event) > 0;
            }
            acted |= handledElsewhere(event);
            if (acted) {
                handled++;
            } else {
                ignored.add(event.entity() + " " + event.action());
            }
        }
        ignored.addAll(delivery.unrecognised());
        if (handled == 0) {
            inbox.ignored(Inbox.id(exchange), ignored.isEmpty() ? "no events" : "nothing to do for: " + String.join(", ", ignored));
        }
    }

    /** Every handler sees every event, after the mirror has taken it (a meeting date set on a lead, a meeting task). */
    private boolean handledElsewhere(KommoEvent event) {
        boolean handled = false;
        for (KommoEventHandler handler : handlers) {
            handled |= handler.handle(event);
        }
        return handled;
    }

    /** A person changed a lead in Kommo: the local mirror follows (status, responsible user, deletion). */
    private int mirror(KommoEvent event) {
        long kommoId = event.entityId().orElseThrow();
        if ("delete".equals(event.action())) {
            jdbc.sql("""
                            UPDATE kommo_outbox SET status = 'failed', last_error = 'lead deleted in Kommo'
                            WHERE status = 'pending' AND (lead_id IN (SELECT id FROM lead WHERE kommo_lead_id = :id)
                                                          OR payload ->> 'entity_id' = :text)""")
                    .param("id", kommoId).param("text", String.valueOf(kommoId)).update();
            jdbc.sql("UPDATE lead SET sync_state = 'deleted', updated_at = now() WHERE kommo_lead_id = ?").param(kommoId).update();
            return 1;
        }
        Long status = event.longField("status_id").orElse(null);
        Long responsible = event.longField("responsible_user_id").orElse(null);
        jdbc.sql("""
                        UPDATE lead SET kommo_status_id = COALESCE(:status, kommo_status_id),
                            responsible_user_id = COALESCE(:responsible, responsible_user_id), updated_at = now()
                        WHERE kommo_lead_id = :id""")
                .param("status", status).param("responsible", responsible).param("id", kommoId).update();
        return 1;
    }
}
