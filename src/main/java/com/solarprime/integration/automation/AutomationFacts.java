package com.solarprime.integration.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.qualification.LocalStage;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What the automation needs to know about the lead of a stage change: the stage (resolved through the account
 * map, never a hard-coded id), our score and name when we know the lead, and from Kommo the meeting date and
 * whatever we do not know (leads people created directly in Kommo).
 */
@Component("automationFacts")
public class AutomationFacts {

    private static final Set<LocalStage> NEED_MEETING = Set.of(LocalStage.MEETING_SCHEDULED, LocalStage.MEETING_CONFIRMED);

    private final AccountMap map;
    private final Leads leads;
    private final KommoClient kommo;
    private final Clock clock;

    public AutomationFacts(AccountMap map, Leads leads, KommoClient kommo, Clock clock) {
        this.map = map;
        this.leads = leads;
        this.kommo = kommo;
        this.clock = clock;
    }

    public AutomationRun eventFor(StageChangeHandler.Recorded recorded) {
        StageChange change = recorded.change();
        LocalStage stage = map.stageKeyOf(change.toStatus()).map(LocalStage::valueOf).orElse(null);
        Lead local = recorded.localLeadId() == null ? null : leads.byId(recorded.localLeadId());
        Integer score = local == null ? null : local.score();
        String name = local == null ? null : local.name();
        Long responsible = local == null ? null : local.responsibleUserId();
        Instant meetingAt = null;
        if (stage != null && (local == null || NEED_MEETING.contains(stage))) {
            JsonNode lead = kommo.call(KommoRequest.get("/api/v4/leads/" + change.kommoLeadId()));
            if (lead != null) {
                name = name != null ? name : lead.path("name").asText(null);
                responsible = lead.hasNonNull("responsible_user_id") ? lead.get("responsible_user_id").asLong() : responsible;
                score = score != null ? score : field(lead, "qualification_score").map(v -> (int) Double.parseDouble(v)).orElse(null);
                meetingAt = field(lead, "meeting_datetime").map(AutomationFacts::instant).orElse(null);
            }
        }
        return new AutomationRun(recorded.historyId(), change,
                new StageEvent(stage, change.kommoLeadId(), recorded.localLeadId(), name, score, meetingAt, responsible,
                        clock.instant()));
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
