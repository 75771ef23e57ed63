package com.solarprime.integration.sandbox.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.crm.KommoProblem;
import com.solarprime.integration.sandbox.crm.LeadService;
import com.solarprime.integration.sandbox.gate.AccountBlock;
import com.solarprime.integration.sandbox.store.Contact;
import com.solarprime.integration.sandbox.store.ContactStore;
import com.solarprime.integration.sandbox.store.Lead;
import com.solarprime.integration.sandbox.store.LeadContact;
import com.solarprime.integration.sandbox.store.LeadStore;
import com.solarprime.integration.sandbox.store.LinkStore;
import com.solarprime.integration.sandbox.store.Note;
import com.solarprime.integration.sandbox.store.NoteStore;
import com.solarprime.integration.sandbox.store.Pipeline;
import com.solarprime.integration.sandbox.store.PipelineStore;
import com.solarprime.integration.sandbox.store.Status;
import com.solarprime.integration.sandbox.store.Task;
import com.solarprime.integration.sandbox.store.TaskStore;
import com.solarprime.integration.sandbox.webhook.WebhookDispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox page: the CRM board a person demos the flow on. Moving a card goes through the same
 * lead service as an API PATCH, so it records the same event and fires the same webhook.
 */
@RestController
@ConditionalOnSandbox
public class UiController {

    /** Cards shown per stage; the API shows the rest. */
    private static final int CARDS_PER_STAGE = 100;

    private final SandboxProperties props;
    private final PipelineStore pipelines;
    private final LeadStore leads;
    private final LinkStore links;
    private final ContactStore contacts;
    private final NoteStore notes;
    private final TaskStore tasks;
    private final LeadService leadService;
    private final AccountBlock block;
    private final WebhookDispatcher webhooks;

    public UiController(SandboxProperties props, PipelineStore pipelines, LeadStore leads, LinkStore links,
                        ContactStore contacts, NoteStore notes, TaskStore tasks, LeadService leadService,
                        AccountBlock block, WebhookDispatcher webhooks) {
        this.props = props;
        this.pipelines = pipelines;
        this.leads = leads;
        this.links = links;
        this.contacts = contacts;
        this.notes = notes;
        this.tasks = tasks;
        this.leadService = leadService;
        this.block = block;
        this.webhooks = webhooks;
    }

    @GetMapping(SandboxPaths.UI)
    public ResponseEntity<byte[]> page() throws IOException {
        try (InputStream html = new ClassPathResource("templates/sandbox/kommo-ui.html").getInputStream()) {
            return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                    .header("Cache-Control", "no-store")
                    .body(html.readAllBytes());
        }
    }

    @GetMapping(value = SandboxPaths.UI + "/board", produces = MediaType.APPLICATION_JSON_VALUE)
    public String board() {
        ObjectNode board = SandboxJson.object()
                .put("account", props.account().name())
                .put("subdomain", props.account().subdomain())
                .put("blocked", block.isBlocked())
                .put("drop_webhooks", webhooks.isDropping());
        ArrayNode pipelineList = board.putArray("pipelines");
        for (Pipeline pipeline : pipelines.all()) {
            ObjectNode p = pipelineList.addObject().put("id", pipeline.id()).put("name", pipeline.name())
                    .put("is_main", pipeline.isMain());
            ArrayNode stages = p.putArray("statuses");
            for (Status status : pipeline.statuses()) {
                ObjectNode s = stages.addObject().put("id", status.id()).put("name", status.name())
                        .put("color", status.color()).put("type", status.type());
                s.set("leads", cards(leads.inStatus(pipeline.id(), status.id(), CARDS_PER_STAGE)));
            }
        }
        return SandboxJson.write(board);
    }

    /** {@code {"pipeline_id": .., "status_id": ..}}; JSON only, so that a cross-site form cannot post it. */
    @PostMapping(value = SandboxPaths.UI + "/leads/{id:\\d+}/move", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public String move(@PathVariable long id, @RequestBody String body) throws IOException {
        JsonNode json = SandboxJson.parse(body);
        Lead lead = leadService.move(id, json.path("pipeline_id").asLong(), json.path("status_id").asLong());
        return SandboxJson.write(SandboxJson.object().put("id", lead.id()).put("pipeline_id", lead.pipelineId())
                .put("status_id", lead.statusId()));
    }

    @PostMapping(value = SandboxPaths.UI + "/leads/{id:\\d+}/delete", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> delete(@PathVariable long id) {
        boolean deleted = leadService.delete(id);
        return ResponseEntity.status(deleted ? HttpStatus.OK : HttpStatus.NOT_FOUND)
                .body(SandboxJson.write(SandboxJson.object().put("id", id).put("deleted", deleted)));
    }

    /** A move whose body is not JSON: the page never sends one, a careless script may. */
    @ExceptionHandler(com.fasterxml.jackson.core.JsonProcessingException.class)
    public ResponseEntity<String> unreadable(com.fasterxml.jackson.core.JsonProcessingException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(SandboxJson.write(SandboxJson.object()
                .put("error", "bad_request").put("reason", "the body is not JSON")));
    }

    @ExceptionHandler(KommoProblem.class)
    public ResponseEntity<String> refused(KommoProblem problem) {
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_JSON)
                .body(SandboxJson.write(problem.body()));
    }

    private ArrayNode cards(List<Lead> stageLeads) {
        List<Long> ids = stageLeads.stream().map(Lead::id).toList();
        Map<Long, List<LeadContact>> linked = links.contactsOf(ids);
        List<Long> contactIds = linked.values().stream().flatMap(List::stream).map(LeadContact::contactId).distinct().toList();
        Map<Long, Contact> contactById = contacts.findAll(contactIds).stream()
                .collect(Collectors.toMap(Contact::id, Function.identity()));
        Map<Long, List<Note>> notesByLead = notes.ofLeads(ids);
        Map<Long, List<Task>> tasksByLead = tasks.ofLeads(ids);
        ArrayNode cards = SandboxJson.array();
        for (Lead lead : stageLeads) {
            ObjectNode card = cards.addObject().put("id", lead.id()).put("name", lead.name()).put("price", lead.price())
                    .put("updated_at", lead.updatedAt());
            ArrayNode tags = card.putArray("tags");
            lead.tags().forEach(t -> tags.add(t.name()));
            card.set("custom_fields_values", lead.customFieldsValues());
            ArrayNode people = card.putArray("contacts");
            for (LeadContact link : linked.getOrDefault(lead.id(), List.of())) {
                Contact contact = contactById.get(link.contactId());
                if (contact != null) {
                    ObjectNode person = people.addObject().put("id", contact.id()).put("name", contact.name())
                            .put("is_main", link.isMain());
                    person.set("custom_fields_values", contact.customFieldsValues());
                }
            }
            ArrayNode noteList = card.putArray("notes");
            for (Note note : notesByLead.getOrDefault(lead.id(), new ArrayList<>())) {
                noteList.addObject().put("id", note.id()).put("note_type", note.noteType())
                        .put("text", note.params().path("text").asText("")).put("created_at", note.createdAt());
            }
            ArrayNode taskList = card.putArray("tasks");
            for (Task task : tasksByLead.getOrDefault(lead.id(), new ArrayList<>())) {
                taskList.addObject().put("id", task.id()).put("text", task.text())
                        .put("task_type_id", task.taskTypeId()).put("complete_till", task.completeTill())
                        .put("is_completed", task.isCompleted()).put("result", task.resultText());
            }
        }
        return cards;
    }
}
