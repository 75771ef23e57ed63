package com.solarprime.integration.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.calendar.BusinessHoursProperties;
import com.solarprime.integration.lead.Lead;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Kommo's JSON for a local lead: custom fields by resolved id, selects by enum id, contact by field code. */
@Component
public class KommoLeadPayloads {

    static final String LEAD_SOURCE = "WhatsApp";

    private final AccountMap map;
    private final JdbcClient jdbc;
    private final ZoneId zone;

    public KommoLeadPayloads(AccountMap map, JdbcClient jdbc, BusinessHoursProperties hours) {
        this.map = map;
        this.jdbc = jdbc;
        this.zone = hours.zone();
    }

    /** One lead of a {@code POST /api/v4/leads/complex} batch, with its contact. */
    public Map<String, Object> complex(Lead lead, JsonNode profile) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", leadName(lead));
        body.put("pipeline_id", map.pipelineId());
        body.put("status_id", map.statusId(lead.stage().name()));
        if (lead.responsibleUserId() != null) {
            body.put("responsible_user_id", lead.responsibleUserId());
        }
        body.put("custom_fields_values", customFields(lead, profile));
        body.put("request_id", String.valueOf(lead.id()));
        Map<String, Object> embedded = new LinkedHashMap<>();
        embedded.put("tags", tags(lead.tags()));
        embedded.put("contacts", List.of(contact(lead)));
        body.put("_embedded", embedded);
        return body;
    }

    /** The fields this service owns; Kommo changes only the fields sent. */
    public List<Map<String, Object>> customFields(Lead lead, JsonNode profile) {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(select("lead_source", LEAD_SOURCE));
        fields.add(value("whatsapp_number", lead.phoneE164()));
        if (lead.billValue() != null) {
            fields.add(value("energy_bill_value", lead.billValue()));
        }
        if (lead.solutionType() != null) {
            fields.add(select("solution_type", lead.solutionType()));
        }
        if (lead.score() != null) {
            fields.add(value("qualification_score", lead.score()));
        }
        text(profile, "competitor").ifPresent(v -> fields.add(value("competitor", v)));
        text(profile, "current_discount").ifPresent(v -> fields.add(value("current_discount", v)));
        text(profile, "observations").ifPresent(v -> fields.add(value("ai_notes", v)));
        long followUps = jdbc.sql("SELECT count(*) FROM follow_up WHERE lead_id = ? AND status = 'sent' AND type NOT IN ('MESSAGE', 'CONSENT')")
                .param(lead.id()).query(Long.class).single();
        if (followUps > 0) {
            fields.add(value("follow_up_count", followUps));
        }
        meetingField(lead.id(), lead.kommoLeadId()).ifPresent(fields::add);
        return fields;
    }

    /**
     * "Data/Hora Reunião" as the meeting table has it: the lead's next active meeting (RFC 3339, as Kommo's own
     * library writes date_time values); cleared when the lead's latest meeting was cancelled; else not sent, so that a
     * date a person set in Kommo stays.
     *
     * @param leadId our lead, or null for a lead only Kommo knows
     * @param kommoLeadId the lead in Kommo, or null when not created there yet
     */
    public Optional<Map<String, Object>> meetingField(Long leadId, Long kommoLeadId) {
        String lead = "(lead_id = :lead OR kommo_lead_id = :kommoLead)";
        Optional<Instant> next = jdbc.sql("SELECT start_at FROM meeting WHERE " + lead
                        + " AND status IN ('scheduled', 'confirmed') ORDER BY start_at < now(), start_at LIMIT 1")
                .param("lead", leadId).param("kommoLead", kommoLeadId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
        if (next.isPresent()) {
            String value = next.get().atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return Optional.of(value("meeting_datetime", value));
        }
        boolean cancelled = jdbc.sql("SELECT status = 'cancelled' FROM meeting WHERE " + lead
                        + " ORDER BY updated_at DESC, id DESC LIMIT 1")
                .param("lead", leadId).param("kommoLead", kommoLeadId).query(Boolean.class).optional().orElse(false);
        if (!cancelled) {
            return Optional.empty();
        }
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("field_id", map.fieldId("meeting_datetime"));
        cleared.put("values", null);
        return Optional.of(cleared);
    }

    public static List<Map<String, Object>> tags(List<String> names) {
        return names.stream().map(n -> Map.<String, Object>of("name", n)).toList();
    }

    private Map<String, Object> contact(Lead lead) {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(Map.of("field_code", "PHONE", "values", List.of(Map.of("value", lead.phoneE164(), "enum_code", "MOB"))));
        if (lead.email() != null) {
            fields.add(Map.of("field_code", "EMAIL", "values", List.of(Map.of("value", lead.email(), "enum_code", "WORK"))));
        }
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("first_name", lead.name() == null ? "WhatsApp " + lead.phoneE164() : lead.name());
        contact.put("custom_fields_values", fields);
        return contact;
    }

    private static String leadName(Lead lead) {
        return (lead.name() == null ? "Lead WhatsApp" : lead.name()) + " - WhatsApp";
    }

    private Map<String, Object> value(String fieldKey, Object value) {
        return Map.of("field_id", map.fieldId(fieldKey), "values", List.of(Map.of("value", value)));
    }

    private Map<String, Object> select(String fieldKey, String option) {
        return Map.of("field_id", map.fieldId(fieldKey), "values", List.of(Map.of("enum_id", map.enumId(fieldKey, option))));
    }

    private static java.util.Optional<String> text(JsonNode profile, String field) {
        JsonNode node = profile == null ? null : profile.get(field);
        return node == null || node.isNull() || node.asText().isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(node.asText());
    }
}
