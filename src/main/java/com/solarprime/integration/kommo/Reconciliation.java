package com.solarprime.integration.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.automation.StageChange;
import com.solarprime.integration.automation.StageChangeHandler;
import com.solarprime.integration.kommo.webhook.KommoEventsPage;
import com.solarprime.integration.kommo.webhook.LeadStatusEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Kommo loses webhooks now and then: the events API is read since the last cursor and every status change
 * goes through the same entrance as the webhooks, where the ones already handled are recognised.
 */
@Component("reconciliation")
public class Reconciliation {

    static final String CURSOR = "kommo-lead-status-events";
    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final KommoClient kommo;
    private final StageChangeHandler stageChanges;
    private final KommoEventsProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;

    public Reconciliation(KommoClient kommo, StageChangeHandler stageChanges, KommoEventsProperties properties,
                          JdbcClient jdbc, Clock clock) {
        this.kommo = kommo;
        this.stageChanges = stageChanges;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns how many changes were new (webhooks that never arrived). */
    public int run() {
        long from = jdbc.sql("SELECT value FROM sync_cursor WHERE name = ?").param(CURSOR).query(Long.class).optional()
                .orElse(clock.instant().minus(properties.reconcileLookback()).getEpochSecond());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("filter[type]", "lead_status_changed");
        query.put("filter[entity]", "lead");
        query.put("filter[created_at][from]", String.valueOf(from));
        query.put("limit", "250");
        JsonNode events = kommo.call(KommoRequest.getAll("/api/v4/events", query));
        KommoEventsPage page = KommoEventsPage.parse(events == null ? "" : events.toString());
        int recovered = 0;
        for (LeadStatusEvent event : page.statusChanges()) {
            if (stageChanges.handle(new StageChange(event.leadId(), event.toPipeline(), event.fromStatus(), event.toStatus(),
                    Instant.ofEpochSecond(event.createdAt()), "reconcile"))) {
                recovered++;
            }
        }
        if (page.lastCreatedAt() != null) {
            // Events of the last second may still be arriving: the next run starts at it again (they are recognised).
            jdbc.sql("""
                            INSERT INTO sync_cursor (name, value) VALUES (?, ?)
                            ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()""")
                    .param(CURSOR).param(page.lastCreatedAt()).update();
        }
        if (recovered > 0) {
            log.warn("Reconciliation found {} stage changes whose webhook never arrived", recovered);
        }
        return recovered;
    }
}
