package com.solarprime.integration.sandbox.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.followup.FollowUps;
import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.store.LeadStore;
import com.solarprime.integration.sandbox.store.Note;
import com.solarprime.integration.sandbox.store.NoteStore;
import com.solarprime.integration.sandbox.store.Pipeline;
import com.solarprime.integration.sandbox.store.PipelineStore;
import com.solarprime.integration.sandbox.store.Status;
import com.solarprime.integration.sandbox.store.Tag;
import com.solarprime.integration.sandbox.store.Task;
import com.solarprime.integration.sandbox.store.TaskStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.springframework.stereotype.Component;

/**
 * What the side panel shows of one number: the lead this service keeps for it, its card in the Kommo sandbox (read
 * from the sandbox's own stores, as the sandbox page shows it) and the WhatsApp messages scheduled for it.
 */
@Component
@ConditionalOnSandbox
class LeadPanel {

    /** Newest notes shown on the card. */
    static final int NOTES = 3;

    /** The service's own record of the lead. */
    record Local(String name, String stage, Integer score, String solutionType, BigDecimal energyBillValue,
                 List<String> tags, boolean optedOut, String syncState, Long kommoLeadId) {
    }

    /** The lead's card in the Kommo sandbox. */
    record Card(long id, String name, long price, String pipeline, String stage, String stageColor, List<String> tags,
                List<Field> fields, List<CardNote> notes, List<CardTask> openTasks) {
    }

    /** A custom field; values of {@code date} and {@code date_time} fields are Unix seconds, as Kommo keeps them. */
    record Field(String name, String type, List<String> values) {
    }

    record CardNote(String text, Instant at) {
    }

    record CardTask(String text, Instant due) {
    }

    /** A follow-up or confirmation waiting to be sent. */
    record Scheduled(String type, Instant due) {
    }

    /** @param lead null until the first message was processed; card null until Kommo has the lead */
    record View(String phone, Local lead, Card card, List<Scheduled> scheduled) {
    }

    private final Leads leads;
    private final FollowUps followUps;
    private final LeadStore sandboxLeads;
    private final PipelineStore pipelines;
    private final NoteStore notes;
    private final TaskStore tasks;

    LeadPanel(Leads leads, FollowUps followUps, LeadStore sandboxLeads, PipelineStore pipelines, NoteStore notes,
              TaskStore tasks) {
        this.leads = leads;
        this.followUps = followUps;
        this.sandboxLeads = sandboxLeads;
        this.pipelines = pipelines;
        this.notes = notes;
        this.tasks = tasks;
    }

    View of(String phoneE164) {
        Optional<Lead> found = leads.byPhone(phoneE164);
        if (found.isEmpty()) {
            return new View(phoneE164, null, null, List.of());
        }
        Lead lead = found.get();
        Local local = new Local(lead.name(), lead.stage().name(), lead.score(), lead.solutionType(), lead.billValue(),
                lead.tags(), lead.optedOut(), lead.syncState(), lead.kommoLeadId());
        Card card = lead.kommoLeadId() == null ? null : sandboxLeads.find(lead.kommoLeadId()).map(this::card).orElse(null);
        List<Scheduled> scheduled = followUps.ofLead(lead.id()).stream()
                .filter(f -> "pending".equals(f.status()) || "claimed".equals(f.status()))
                .map(f -> new Scheduled(f.type(), f.dueAt()))
                .toList();
        return new View(phoneE164, local, card, scheduled);
    }

    private Card card(com.solarprime.integration.sandbox.store.Lead lead) {
        Optional<Pipeline> pipeline = pipelines.find(lead.pipelineId());
        Optional<Status> status = pipeline.flatMap(p -> p.status(lead.statusId()));
        List<CardNote> newest = notes.ofLeads(List.of(lead.id())).getOrDefault(lead.id(), List.of()).stream()
                .limit(NOTES)
                .map(LeadPanel::note)
                .toList();
        List<CardTask> open = tasks.ofLeads(List.of(lead.id())).getOrDefault(lead.id(), List.of()).stream()
                .filter(t -> !t.isCompleted())
                .map(LeadPanel::task)
                .toList();
        return new Card(lead.id(), lead.name(), lead.price(), pipeline.map(Pipeline::name).orElse(null),
                status.map(Status::name).orElse(String.valueOf(lead.statusId())), status.map(Status::color).orElse(null),
                lead.tags().stream().map(Tag::name).toList(), fields(lead.customFieldsValues()), newest, open);
    }

    private static List<Field> fields(JsonNode values) {
        List<Field> fields = new ArrayList<>();
        if (values == null) {
            return fields;
        }
        for (JsonNode field : values) {
            fields.add(new Field(field.path("field_name").asText(), field.path("field_type").asText(),
                    StreamSupport.stream(field.path("values").spliterator(), false)
                            .map(v -> v.path("value").asText())
                            .toList()));
        }
        return fields;
    }

    private static CardNote note(Note note) {
        return new CardNote(note.params().path("text").asText("(" + note.noteType() + ")"),
                Instant.ofEpochSecond(note.createdAt()));
    }

    private static CardTask task(Task task) {
        return new CardTask(task.text(), Instant.ofEpochSecond(task.completeTill()));
    }
}
