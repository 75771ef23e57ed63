package com.solarprime.integration.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.kommo.webhook.KommoEventsPage;
import com.solarprime.integration.kommo.webhook.LeadStatusEvent;
import com.solarprime.integration.lead.StageChange;
import com.solarprime.integration.lead.StageHistory;
import com.solarprime.integration.qualification.LocalStage;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of reconciliation with Kommo's events API (Kommo loses webhooks now and then): which events to read,
 * and recording the stage changes among them through the same entrance as the webhooks, where the ones already
 * recorded are recognised.
 */
@Component("reconciliation")
public class Reconciliation implements AggregationStrategy {

    static final String CURSOR = "kommo-lead-status-events";
    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final StageHistory stageHistory;
    private final AccountMap map;
    private final KommoEventsProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;

    public Reconciliation(StageHistory stageHistory, AccountMap map, KommoEventsProperties properties, JdbcClient jdbc,
                          Clock clock) {
        this.stageHistory = stageHistory;
        this.map = map;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every status change since the cursor (the first run looks back {@code reconcile-lookback}), all pages. */
    public KommoRequest eventsRequest() {
        long from = jdbc.sql("SELECT value FROM sync_cursor WHERE name = ?").param(CURSOR).query(Long.class).optional()
                .orElse(clock.instant().minus(properties.reconcileLookback()).getEpochSecond());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("filter[type]", "lead_status_changed");
        query.put("filter[entity]", "lead");
        query.put("filter[created_at][from]", String.valueOf(from));
        query.put("limit", "250");
        return KommoRequest.getAll("/api/v4/events", query);
    }

    /** Kommo's answer (null for 204) read as a page of status changes. */
    public KommoEventsPage withEvents(KommoRequest request, JsonNode events) {
        return KommoEventsPage.parse(events == null ? "" : events.toString());
    }

    /**
     * The enrich step's aggregation: the events page replaces the request. Kommo answers 204, a null body, when nothing
     * changed since the cursor; Camel's method-name adapter cannot bind a null body to any parameter (every run without
     * a new change was dead-lettered), so the bean is the aggregation strategy itself.
     */
    @Override
    public Exchange aggregate(Exchange request, Exchange answer) {
        Object events = answer == null ? null : answer.getMessage().getBody();
        request.getMessage().setBody(withEvents(request.getMessage().getBody(KommoRequest.class),
                events instanceof JsonNode json ? json : null));
        return request;
    }

    /** Records every change (new ones only count) and moves the cursor; returns how many were new. */
    public int record(KommoEventsPage page) {
        int recovered = 0;
        for (LeadStatusEvent event : page.statusChanges()) {
            LocalStage stage = map.stageKeyOf(event.toPipeline(), event.toStatus()).map(LocalStage::valueOf).orElse(null);
            if (StageChanges.record(stageHistory, map, new StageChange(event.leadId(), event.toPipeline(), event.fromStatus(),
                    event.toStatus(), stage, Instant.ofEpochSecond(event.createdAt()), "reconcile")).isPresent()) {
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
