package com.solarprime.integration.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.lead.StageChange;
import com.solarprime.integration.lead.StageHistory;
import com.solarprime.integration.qualification.LocalStage;
import com.solarprime.integration.qualification.StageMapper;
import com.solarprime.integration.qualification.TagRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox to Kommo with as few calls as Kommo allows: new leads and their contacts 50 at a time
 * through {@code /leads/complex}, updates 50 at a time through {@code PATCH /leads} (tags merged with what
 * people added in Kommo, stage forward only), notes and tasks 50 at a time across leads. What Kommo's answer
 * changes here (the lead's Kommo ids, the stage change our own move caused) commits together with the rows being
 * marked done, after the call and outside of it.
 */
@Component("kommoSync")
public class KommoSync {

    private static final Logger log = LoggerFactory.getLogger(KommoSync.class);

    private final KommoClient kommo;
    private final OutboxClaims claims;
    private final Leads leads;
    private final KommoLeadPayloads payloads;
    private final AccountMap map;
    private final KommoSyncProperties sync;
    private final StageHistory stageHistory;
    private final KommoLeadMirror leadMirror;
    private final ObjectMapper json;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;

    public KommoSync(KommoClient kommo, OutboxClaims claims, Leads leads, KommoLeadPayloads payloads,
                     AccountMap map, KommoSyncProperties sync, StageHistory stageHistory, KommoLeadMirror leadMirror,
                     ObjectMapper json, TransactionTemplate tx, JdbcClient jdbc) {
        this.kommo = kommo;
        this.claims = claims;
        this.leads = leads;
        this.payloads = payloads;
        this.map = map;
        this.sync = sync;
        this.stageHistory = stageHistory;
        this.leadMirror = leadMirror;
        this.json = json;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    /** Lead writes wait until provisioning has resolved every id they need (health says what is missing). */
    public boolean ready() {
        return map.isComplete();
    }

    public void createLeads(Exchange poll) {
        drain(poll, "lead_create", false, this::create);
    }

    public void updateLeads(Exchange poll) {
        drain(poll, "lead_update", true, this::update);
    }

    public void addNotes(Exchange poll) {
        drain(poll, "note", true, this::notes);
    }

    public void addTasks(Exchange poll) {
        drain(poll, "task", true, this::tasks);
    }

    /** Meetings booked, moved or cancelled here: their Kommo tasks, up to 50 per call. */
    public void syncMeetings(Exchange poll) {
        drain(() -> claims.claimMeetings(poll), this::meetings);
    }

    private void drain(Exchange poll, String kind, boolean needsKommoLead,
                       Function<List<OutboxClaims.Claim>, Runnable> send) {
        drain(() -> claims.claim(poll, kind, needsKommoLead), send);
    }

    /**
     * Full batches are followed by another claim at once; a short batch means the queue is empty. {@code send}
     * calls Kommo and returns the local effects of its answer, which commit with the rows' "done".
     */
    private void drain(java.util.function.Supplier<List<OutboxClaims.Claim>> claim,
                       Function<List<OutboxClaims.Claim>, Runnable> send) {
        List<OutboxClaims.Claim> batch;
        do {
            batch = claim.get();
            if (batch.isEmpty()) {
                return;
            }
            try {
                sendAndSettle(batch, send);
            } catch (KommoException e) {
                if (e.retryable() || batch.size() == 1) {
                    settle(batch, e);
                    return;
                }
                // One bad entity fails Kommo's whole batch: send them one by one to find it.
                for (OutboxClaims.Claim single : batch) {
                    try {
                        sendAndSettle(List.of(single), send);
                    } catch (KommoException singleError) {
                        settle(List.of(single), singleError);
                    }
                }
            }
        } while (batch.size() == claims.batchSize());
    }

    private void sendAndSettle(List<OutboxClaims.Claim> batch, Function<List<OutboxClaims.Claim>, Runnable> send) {
        Runnable localEffects = send.apply(batch);
        tx.executeWithoutResult(status -> {
            localEffects.run();
            claims.done(batch);
        });
    }

    private static final Runnable NOTHING = () -> { };

    private void settle(List<OutboxClaims.Claim> batch, KommoException e) {
        if (e.retryable()) {
            log.warn("Kommo write of {} outbox rows postponed: {}", batch.size(), e.getMessage());
            claims.retryLater(batch, e);
        } else {
            log.error("Kommo refused outbox row {}: {}", batch.get(0).id(), e.getMessage());
            claims.failed(batch.get(0), e);
            if (batch.get(0).leadId() != null) {
                leads.syncState(batch.get(0).leadId(), "failed");
            }
        }
    }

    private Runnable create(List<OutboxClaims.Claim> batch) {
        List<Long> ids = batch.stream().map(OutboxClaims.Claim::leadId).toList();
        Map<Long, Long> versions = leads.syncVersions(ids);
        Map<Long, JsonNode> profiles = leads.profiles(ids);
        List<Lead> toCreate = new ArrayList<>();
        for (Lead lead : leads.byIds(ids)) {
            if (lead.kommoLeadId() != null) {
                continue;
            }
            if (attempts(batch, lead.id()) > 1 && adoptExisting(lead)) {
                continue;
            }
            toCreate.add(lead);
        }
        if (toCreate.isEmpty()) {
            return NOTHING;
        }
        List<Map<String, Object>> body = toCreate.stream().map(l -> payloads.complex(l, profiles.get(l.id()))).toList();
        JsonNode created = kommo.call(KommoRequest.post("/api/v4/leads/complex", body));
        List<Map<String, Object>> retag = new ArrayList<>();
        for (JsonNode result : created) {
            Lead lead = createdLead(toCreate, result);
            if (sync.reapplyTagsAfterCreate() && lead.tags().size() > 1) {
                retag.add(Map.of("id", result.path("id").asLong(), "_embedded", Map.of("tags", KommoLeadPayloads.tags(lead.tags()))));
            }
        }
        // At once, before anyone in Kommo can have added a tag of their own that this would replace.
        if (!retag.isEmpty()) {
            kommo.call(KommoRequest.patch("/api/v4/leads", retag));
        }
        return () -> {
            for (JsonNode result : created) {
                Lead lead = createdLead(toCreate, result);
                long kommoId = result.path("id").asLong();
                long status = map.statusId(lead.stage().name());
                leads.linkedToKommo(lead.id(), kommoId, result.hasNonNull("contact_id") ? result.get("contact_id").asLong() : null,
                        status);
                leads.synced(lead.id(), versions.get(lead.id()));
                leadMirror.created(kommoId, lead.id(), map.pipelineId(), status, lead.responsibleUserId(),
                        KommoLeadPayloads.LEAD_SOURCE, java.time.Instant.now());
                // Created straight into its stage: that is its first stage change, and its automation runs
                // (a hot lead created as Qualificado gets its urgent task) exactly as if it had been moved there.
                stageHistory.record(new StageChange(kommoId, map.pipelineId(), null, status, lead.stage(),
                        java.time.Instant.now(), "sync"));
            }
        };
    }

    private static Lead createdLead(List<Lead> toCreate, JsonNode result) {
        long leadId = Long.parseLong(result.path("request_id").get(0).asText());
        return toCreate.stream().filter(l -> l.id() == leadId).findFirst().orElseThrow();
    }

    /**
     * An earlier attempt may have created the lead before the instance died: look for it by phone before
     * creating it again (only on such retries, so the normal path costs no extra call).
     */
    private boolean adoptExisting(Lead lead) {
        JsonNode contacts = kommo.call(KommoRequest.get("/api/v4/contacts", Map.of("query", lead.phoneE164(), "with", "leads")));
        if (contacts == null) {
            return false;
        }
        for (JsonNode contact : contacts.path("_embedded").path("contacts")) {
            JsonNode linked = contact.path("_embedded").path("leads");
            if (linked.size() > 0) {
                leads.linkedToKommo(lead.id(), linked.get(0).path("id").asLong(), contact.path("id").asLong(), null);
                log.info("Lead {} already existed in Kommo after an interrupted attempt; adopted it", lead.id());
                return true;
            }
        }
        return false;
    }

    private Runnable update(List<OutboxClaims.Claim> batch) {
        List<Long> claimed = batch.stream().map(OutboxClaims.Claim::leadId).distinct().toList();
        java.util.Set<Long> upToDate = leads.upToDateInKommo(claimed);
        List<Long> ids = claimed.stream().filter(id -> !upToDate.contains(id)).toList();
        if (ids.isEmpty()) {
            return NOTHING;
        }
        Map<Long, Long> versions = leads.syncVersions(ids);
        List<Lead> local = leads.byIds(ids);
        Map<Long, JsonNode> profiles = leads.profiles(ids);
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < local.size(); i++) {
            query.put("filter[id][" + i + "]", String.valueOf(local.get(i).kommoLeadId()));
        }
        query.put("limit", "250");
        Map<Long, JsonNode> current = new HashMap<>();
        JsonNode found = kommo.call(KommoRequest.get("/api/v4/leads", query));
        if (found != null) {
            found.path("_embedded").path("leads").forEach(l -> current.put(l.path("id").asLong(), l));
        }
        List<Map<String, Object>> patch = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        Map<Long, Long> moved = new HashMap<>();
        for (Lead lead : local) {
            JsonNode inKommo = current.get(lead.kommoLeadId());
            if (inKommo == null) {
                continue;
            }
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("id", lead.kommoLeadId());
            change.put("custom_fields_values", payloads.customFields(lead, profiles.get(lead.id())));
            if (lead.responsibleUserId() != null) {
                change.put("responsible_user_id", lead.responsibleUserId());
            }
            change.put("_embedded", Map.of("tags", KommoLeadPayloads.tags(tagsFor(lead, inKommo))));
            forwardStatus(lead, inKommo).ifPresent(status -> {
                change.put("status_id", status);
                change.put("pipeline_id", map.pipelineId());
                moved.put(lead.id(), status);
            });
            patch.add(change);
            sent.add(lead.id());
        }
        if (patch.isEmpty()) {
            return NOTHING;
        }
        JsonNode result = kommo.call(KommoRequest.patch("/api/v4/leads", patch));
        Map<Long, Long> updatedAt = new HashMap<>();
        if (result != null) {
            result.path("_embedded").path("leads").forEach(l -> updatedAt.put(l.path("id").asLong(), l.path("updated_at").asLong()));
        }
        return () -> {
            sent.forEach(id -> leads.synced(id, versions.get(id)));
            for (Lead lead : local) {
                Long status = moved.get(lead.id());
                if (status != null) {
                    long from = current.get(lead.kommoLeadId()).path("status_id").asLong();
                    leads.kommoStatus(lead.id(), status);
                    recordOwnMove(lead, from, status, updatedAt.getOrDefault(lead.kommoLeadId(), 0L));
                }
            }
        };
    }

    /** Tags people added in Kommo stay; ours are brought up to date; "Opt-out" follows the consent state. */
    private static List<String> tagsFor(Lead lead, JsonNode inKommo) {
        List<String> kommoTags = new ArrayList<>();
        inKommo.path("_embedded").path("tags").forEach(t -> kommoTags.add(t.path("name").asText()));
        List<String> tags = new ArrayList<>(TagRules.merge(kommoTags, lead.tags()));
        tags.remove(TagRules.OPT_OUT);
        if (lead.optedOut()) {
            tags.add(TagRules.OPT_OUT);
        }
        return tags;
    }

    /**
     * The local stage's status when the forward-only rule allows moving there from where the lead is in Kommo.
     * Lost is the exception the service decides itself (no reply to its nudges), and only while the lead is before a
     * meeting in Kommo too: a person's later move is never overridden. A lead in a status this service does not
     * know (another pipeline, the incoming-leads stage) is left alone.
     */
    private Optional<Long> forwardStatus(Lead lead, JsonNode inKommo) {
        Optional<LocalStage> there = map.stageKeyOf(inKommo.path("status_id").asLong()).map(LocalStage::valueOf);
        if (there.isEmpty() || there.get() == lead.stage() || there.get() == LocalStage.WON || there.get() == LocalStage.LOST) {
            return Optional.empty();
        }
        boolean allowed = lead.stage() == LocalStage.LOST ? there.get().isBeforeTheMeeting()
                : StageMapper.nextStage(there.get(), lead.stage()) != there.get();
        return allowed ? Optional.of(map.statusId(lead.stage().name())) : Optional.empty();
    }

    /** The change our own sync made: recorded and automated once, so Kommo's webhook about it adds nothing. */
    private void recordOwnMove(Lead lead, long from, long to, long updatedAt) {
        stageHistory.record(new StageChange(lead.kommoLeadId(), map.pipelineId(), from, to, lead.stage(),
                updatedAt > 0 ? java.time.Instant.ofEpochSecond(updatedAt) : java.time.Instant.now(), "sync"));
    }

    private Runnable notes(List<OutboxClaims.Claim> batch) {
        Map<Long, Long> kommoIds = kommoIdsOf(batch);
        List<Map<String, Object>> body = new ArrayList<>();
        for (OutboxClaims.Claim claim : batch) {
            JsonNode payload = payload(claim);
            long entity = payload.hasNonNull("entity_id") ? payload.get("entity_id").asLong() : kommoIds.get(claim.leadId());
            body.add(Map.of("entity_id", entity, "note_type", "common", "params", Map.of("text", payload.path("text").asText())));
        }
        kommo.call(KommoRequest.post("/api/v4/leads/notes", body));
        return NOTHING;
    }

    private Runnable tasks(List<OutboxClaims.Claim> batch) {
        Map<Long, Long> kommoIds = kommoIdsOf(batch);
        List<Object> body = new ArrayList<>();
        for (OutboxClaims.Claim claim : batch) {
            @SuppressWarnings("unchecked")
            Map<String, Object> task = json.convertValue(payload(claim), Map.class);
            task.putIfAbsent("entity_id", kommoIds.get(claim.leadId()));
            body.add(task);
        }
        kommo.call(KommoRequest.post("/api/v4/tasks", body));
        return NOTHING;
    }

    /**
     * Each meeting's Kommo side made what the meeting row says now: a meeting without a task gets one (type 2, for
     * its salesperson, due at its start), a moved one's task is moved, a cancelled one's task is completed with the
     * row's result text, and a lead only Kommo knows gets its "Data/Hora Reunião". The ids of the tasks created are
     * recorded on their meetings with the rows' "done".
     */
    private Runnable meetings(List<OutboxClaims.Claim> batch) {
        List<Map<String, Object>> create = new ArrayList<>();
        List<Map<String, Object>> change = new ArrayList<>();
        List<Map<String, Object>> leadFields = new ArrayList<>();
        for (OutboxClaims.Claim claim : batch) {
            JsonNode payload = payload(claim);
            MeetingRow meeting = meetingRow(claim.meetingId());
            if (meeting.kommoTaskId() == null && meeting.active() && payload.hasNonNull("text")) {
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("text", payload.get("text").asText());
                task.put("complete_till", meeting.start().getEpochSecond());
                task.put("task_type_id", 2);
                task.put("entity_type", "leads");
                task.put("entity_id", meeting.kommoLeadId());
                task.put("responsible_user_id", meeting.salespersonId());
                task.put("request_id", String.valueOf(meeting.id()));
                create.add(task);
            } else if (meeting.kommoTaskId() != null && meeting.active()) {
                change.add(Map.of("id", meeting.kommoTaskId(), "complete_till", meeting.start().getEpochSecond(),
                        "responsible_user_id", meeting.salespersonId()));
            } else if (meeting.kommoTaskId() != null && "cancelled".equals(meeting.status())) {
                Map<String, Object> completed = new LinkedHashMap<>();
                completed.put("id", meeting.kommoTaskId());
                completed.put("is_completed", true);
                if (payload.hasNonNull("result")) {
                    completed.put("result", Map.of("text", payload.get("result").asText()));
                }
                change.add(completed);
            }
            if (meeting.leadId() == null) {
                payloads.meetingField(null, meeting.kommoLeadId()).ifPresent(field -> leadFields.add(Map.of(
                        "id", meeting.kommoLeadId(), "custom_fields_values", List.of(field))));
            }
        }
        Map<Long, Long> created = new HashMap<>();
        if (!create.isEmpty()) {
            JsonNode answer = kommo.call(KommoRequest.post("/api/v4/tasks", create));
            JsonNode tasks = answer == null ? json.createArrayNode() : answer.path("_embedded").path("tasks");
            for (int i = 0; i < tasks.size(); i++) {
                JsonNode task = tasks.get(i);
                String requestId = task.path("request_id").isArray() ? task.path("request_id").path(0).asText()
                        : task.path("request_id").asText(String.valueOf(create.get(i).get("request_id")));
                created.put(Long.parseLong(requestId), task.path("id").asLong());
            }
        }
        if (!change.isEmpty()) {
            kommo.call(KommoRequest.patch("/api/v4/tasks", change));
        }
        if (!leadFields.isEmpty()) {
            kommo.call(KommoRequest.patch("/api/v4/leads", leadFields));
        }
        return () -> created.forEach((meetingId, taskId) -> jdbc.sql(
                        "UPDATE meeting SET kommo_task_id = ?, updated_at = now() WHERE id = ? AND kommo_task_id IS NULL")
                .param(taskId).param(meetingId).update());
    }

    /** A meeting as its Kommo side is made from. */
    private record MeetingRow(long id, Long leadId, long kommoLeadId, long salespersonId, java.time.Instant start,
                              String status, Long kommoTaskId) {

        boolean active() {
            return "scheduled".equals(status) || "confirmed".equals(status);
        }
    }

    private MeetingRow meetingRow(long id) {
        return jdbc.sql("""
                        SELECT m.id, m.lead_id, COALESCE(m.kommo_lead_id, l.kommo_lead_id), m.salesperson_id, m.start_at,
                               m.status, m.kommo_task_id
                        FROM meeting m LEFT JOIN lead l ON l.id = m.lead_id WHERE m.id = ?""")
                .param(id)
                .query((rs, n) -> new MeetingRow(rs.getLong(1), (Long) rs.getObject(2, Long.class), rs.getLong(3),
                        rs.getLong(4), rs.getTimestamp(5).toInstant(), rs.getString(6), (Long) rs.getObject(7, Long.class)))
                .single();
    }

    private Map<Long, Long> kommoIdsOf(List<OutboxClaims.Claim> batch) {
        Map<Long, Long> kommoIds = new HashMap<>();
        List<Long> local = batch.stream().map(OutboxClaims.Claim::leadId).filter(java.util.Objects::nonNull).distinct().toList();
        if (!local.isEmpty()) {
            leads.byIds(local).forEach(l -> kommoIds.put(l.id(), l.kommoLeadId()));
        }
        return kommoIds;
    }

    private JsonNode payload(OutboxClaims.Claim claim) {
        try {
            return json.readTree(claim.payload());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("outbox row " + claim.id() + " holds invalid JSON", e);
        }
    }

    private static int attempts(List<OutboxClaims.Claim> batch, long leadId) {
        return batch.stream().filter(c -> c.leadId() != null && c.leadId() == leadId).mapToInt(OutboxClaims.Claim::attempts).max().orElse(1);
    }
}
