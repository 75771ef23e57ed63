package com.solarprime.integration.kommo;

import com.solarprime.integration.kommo.webhook.KommoEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code kommo_lead} mirror: what Kommo says of each lead of the account (price, pipeline and stage, origin,
 * loss reason, dates), from Kommo's lead events and our own creations. A value an event does not carry is kept.
 */
@Component
public class KommoLeadMirror {

    private final JdbcClient jdbc;
    private final AccountMap map;

    public KommoLeadMirror(JdbcClient jdbc, AccountMap map) {
        this.jdbc = jdbc;
        this.map = map;
    }

    /** A lead event of Kommo ({@code add}, {@code update}, {@code status}, {@code responsible}). */
    public void event(KommoEvent event) {
        long id = event.entityId().orElseThrow();
        jdbc.sql("""
                        INSERT INTO kommo_lead (id, name, pipeline_id, status_id, price, responsible_user_id, lead_source,
                            loss_reason_id, created_at, closed_at)
                        VALUES (:id, :name, :pipeline, :status, :price, :responsible, :source, :loss, :created, :closed)
                        ON CONFLICT (id) DO UPDATE SET
                            name = COALESCE(EXCLUDED.name, kommo_lead.name),
                            pipeline_id = COALESCE(EXCLUDED.pipeline_id, kommo_lead.pipeline_id),
                            status_id = COALESCE(EXCLUDED.status_id, kommo_lead.status_id),
                            price = COALESCE(EXCLUDED.price, kommo_lead.price),
                            responsible_user_id = COALESCE(EXCLUDED.responsible_user_id, kommo_lead.responsible_user_id),
                            lead_source = COALESCE(EXCLUDED.lead_source, kommo_lead.lead_source),
                            loss_reason_id = COALESCE(EXCLUDED.loss_reason_id, kommo_lead.loss_reason_id),
                            created_at = COALESCE(kommo_lead.created_at, EXCLUDED.created_at),
                            closed_at = COALESCE(EXCLUDED.closed_at, kommo_lead.closed_at),
                            mirrored_at = now()""")
                .param("id", id)
                .param("name", event.field("name").orElse(null))
                .param("pipeline", event.longField("pipeline_id").orElse(null))
                .param("status", event.longField("status_id").orElse(null))
                .param("price", event.field("price").map(KommoLeadMirror::money).orElse(null))
                .param("responsible", event.longField("responsible_user_id").orElse(null))
                .param("source", leadSource(event).orElse(null))
                .param("loss", event.longField("loss_reason_id").filter(reason -> reason > 0).orElse(null))
                .param("created", seconds(event, "date_create").or(() -> seconds(event, "created_at")).orElse(null))
                .param("closed", seconds(event, "closed_at").orElse(null))
                .update();
        jdbc.sql("UPDATE kommo_lead k SET lead_id = l.id FROM lead l WHERE l.kommo_lead_id = k.id AND k.id = ? AND k.lead_id IS NULL")
                .param(id).update();
    }

    /** Kommo deleted the lead: it stays for the funnel's history, marked. */
    public void deleted(long id) {
        jdbc.sql("UPDATE kommo_lead SET deleted = true, mirrored_at = now() WHERE id = ?").param(id).update();
    }

    /** A lead our sync just created in Kommo. */
    public void created(long kommoLeadId, long leadId, long pipelineId, long statusId, Long responsibleUserId,
                        String leadSource, Instant at) {
        jdbc.sql("""
                        INSERT INTO kommo_lead (id, lead_id, pipeline_id, status_id, responsible_user_id, lead_source, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET lead_id = EXCLUDED.lead_id""")
                .params(kommoLeadId, leadId, pipelineId, statusId, responsibleUserId, leadSource, Timestamp.from(at))
                .update();
    }

    /** The "Origem do Lead" option of the event, by the account's ids of that field and its options. */
    private Optional<String> leadSource(KommoEvent event) {
        Optional<Long> field = map.id(AccountMap.FIELD, "lead_source");
        if (field.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; event.value("custom_fields", String.valueOf(i), "id").isPresent(); i++) {
            if (event.value("custom_fields", String.valueOf(i), "id").get().equals(String.valueOf(field.get()))) {
                return event.value("custom_fields", String.valueOf(i), "values", "0", "value");
            }
        }
        return Optional.empty();
    }

    private static Optional<Timestamp> seconds(KommoEvent event, String name) {
        return event.longField(name).filter(s -> s > 0).map(s -> Timestamp.from(Instant.ofEpochSecond(s)));
    }

    private static java.math.BigDecimal money(String value) {
        try {
            return new java.math.BigDecimal(value.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
