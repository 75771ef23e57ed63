package com.solarprime.integration.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.lead.StageChange;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the automation needs to know about the lead of a stage change: the stage, our score and name when we know
 * the lead, the lead's meeting from the meeting table, and from Kommo (an {@code enrich} step of the route) whatever
 * we do not know (leads people created directly in Kommo; the "Data/Hora Reunião" of a meeting the table lacks).
 */
@Component("automationFacts")
public class AutomationFacts {

    private final AccountMap map;
    private final Leads leads;
    private final JdbcClient jdbc;
    private final Clock clock;

    public AutomationFacts(AccountMap map, Leads leads, JdbcClient jdbc, Clock clock) {
        this.map = map;
        this.leads = leads;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The facts this service holds itself. */
    public AutomationRun local(StageChanges.Claimed claimed) {
        StageChange change = claimed.change();
        Lead local = claimed.localLeadId() == null ? null : leads.byId(claimed.localLeadId());
        Optional<Meeting> meeting = meeting(claimed.localLeadId(), change.kommoLeadId());
        return new AutomationRun(claimed.historyId(), change, new StageEvent(change.toStage(), change.kommoLeadId(),
                claimed.localLeadId(), local == null ? null : local.name(), local == null ? null : local.score(),
                meeting.map(Meeting::start).orElse(null), local == null ? null : local.responsibleUserId(),
                clock.instant()), meeting.map(Meeting::hasTask).orElse(false));
    }

    /** A meeting of the table; a booking's task is created by the meeting's own sync, a person's may be in Kommo. */
    private record Meeting(Instant start, boolean hasTask) {
    }

    /** The lead's next active meeting in the meeting table (booked here or made in Kommo). */
    private Optional<Meeting> meeting(Long leadId, long kommoLeadId) {
        return jdbc.sql("""
                        SELECT start_at, kommo_task_id IS NOT NULL OR source <> 'kommo' FROM meeting
                        WHERE (lead_id = :lead OR kommo_lead_id = :kommoLead) AND status IN ('scheduled', 'confirmed')
                        ORDER BY start_at < now(), start_at LIMIT 1""")
                .param("lead", leadId).param("kommoLead", kommoLeadId)
                .query((rs, n) -> new Meeting(rs.getTimestamp(1).toInstant(), rs.getBoolean(2))).optional();
    }

    /** The lead as Kommo has it. */
    public KommoRequest kommoLeadRequest(AutomationRun run) {
        return KommoRequest.get("/api/v4/leads/" + run.getKommoLeadId());
    }

    /** Aggregation of the enrich step: the facts completed with Kommo's lead (null when Kommo has none). */
    public AutomationRun withKommoLead(AutomationRun run, JsonNode lead) {
        if (lead == null) {
            return run;
        }
        StageEvent event = run.event();
        String name = event.leadName() != null ? event.leadName() : lead.path("name").asText(null);
        Long responsible = lead.hasNonNull("responsible_user_id") ? Long.valueOf(lead.get("responsible_user_id").asLong())
                : event.responsibleUserId();
        Integer score = event.score() != null ? event.score()
                : field(lead, "qualification_score").map(v -> (int) Double.parseDouble(v)).orElse(null);
        Instant meetingAt = event.meetingAt() != null ? event.meetingAt()
                : field(lead, "meeting_datetime").map(AutomationFacts::instant).orElse(null);
        return run.with(new StageEvent(event.stage(), event.kommoLeadId(), event.leadId(), name, score, meetingAt,
                responsible, event.now()));
    }

    private Optional<String> field(JsonNode lead, String key) {
        Optional<Long> id = map.id(AccountMap.FIELD, key);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode field : lead.path("custom_fields_values")) {
            if (field.path("field_id").asLong() == id.get() && field.path("values").size() > 0) {
                return Optional.of(field.path("values").get(0).path("value").asText());
            }
        }
        return Optional.empty();
    }

    /** Kommo's date_time values come as Unix seconds or as RFC 3339 text. */
    static Instant instant(String value) {
        if (value.matches("\\d+")) {
            return Instant.ofEpochSecond(Long.parseLong(value));
        }
        return OffsetDateTime.parse(value).toInstant();
    }
}
