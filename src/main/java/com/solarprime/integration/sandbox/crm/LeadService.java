package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.store.Contact;
import com.solarprime.integration.sandbox.store.ContactStore;
import com.solarprime.integration.sandbox.store.Ids;
import com.solarprime.integration.sandbox.store.Lead;
import com.solarprime.integration.sandbox.store.LeadStore;
import com.solarprime.integration.sandbox.store.LinkStore;
import com.solarprime.integration.sandbox.store.Pipeline;
import com.solarprime.integration.sandbox.store.PipelineStore;
import com.solarprime.integration.sandbox.store.Status;
import com.solarprime.integration.sandbox.store.Tag;
import com.solarprime.integration.sandbox.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Lead writes with Kommo's rules: batches of at most 250 (50 through complex), default stage = first
 * stage after incoming leads of the main pipeline, {@code closed_at} set on 142/143, tag replace
 * semantics, and every status change becoming an event and a webhook, whoever made it.
 */
@Component
@ConditionalOnSandbox
public class LeadService {

    public static final int MAX_BATCH = 250;
    public static final int MAX_COMPLEX = 50;
    private static final Set<String> WRITABLE = Set.of("name", "price", "status_id", "pipeline_id", "created_by",
            "updated_by", "created_at", "updated_at", "closed_at", "loss_reason_id", "responsible_user_id",
            "custom_fields_values", "tags_to_add", "tags_to_delete", "_embedded", "request_id", "visitor_uid");
    private static final Set<String> READ_ONLY = Set.of("group_id", "account_id", "is_deleted", "closest_task_at",
            "score", "labor_cost", "is_price_modified_by_robot", "source_id", "_links");
    private static final Set<String> FIELDS = Fields.of(WRITABLE, READ_ONLY, "id");
    private static final Set<String> EMBEDDED = Set.of("tags", "contacts", "companies", "source", "metadata",
            "catalog_elements");
    private static final Set<String> LINKED_CONTACT = Set.of("id", "is_main", "_links");

    private final CrmWrites writes;
    private final LeadStore leads;
    private final ContactStore contacts;
    private final LinkStore links;
    private final PipelineStore pipelines;
    private final UserStore users;
    private final Ids ids;
    private final CustomFieldValues customFields;
    private final Tagging tagging;
    private final ContactService contactService;

    public LeadService(CrmWrites writes, LeadStore leads, ContactStore contacts, LinkStore links,
                       PipelineStore pipelines, UserStore users, Ids ids, CustomFieldValues customFields,
                       Tagging tagging, ContactService contactService) {
        this.writes = writes;
        this.leads = leads;
        this.contacts = contacts;
        this.links = links;
        this.pipelines = pipelines;
        this.users = users;
        this.ids = ids;
        this.customFields = customFields;
        this.tagging = tagging;
        this.contactService = contactService;
    }

    /** {@code POST /leads}; {@code _embedded.contacts} may link existing contacts by id. */
    public List<Written<Lead>> create(JsonNode body) {
        return writes.write(changes -> {
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_BATCH, violations);
            Context ctx = context();
            List<NewLead> drafts = new ArrayList<>();
            for (EntityInput in : inputs) {
                Lead lead = read(in, null, ids.next(), ctx);
                drafts.add(new NewLead(lead, in.requestId(), linkedContacts(in), null));
            }
            violations.throwIfAny();
            return drafts.stream().map(d -> persistNew(d, ctx, changes)).toList();
        });
    }

    /** {@code POST /leads/complex}: each lead with at most one contact, created or linked, in one call. */
    public List<ComplexResult> complex(JsonNode body) {
        return writes.write(changes -> {
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_COMPLEX, violations);
            Context ctx = context();
            List<NewLead> drafts = new ArrayList<>();
            for (EntityInput in : inputs) {
                Lead lead = read(in, null, ids.next(), ctx);
                ComplexContact contact = complexContact(in, ctx);
                drafts.add(new NewLead(lead, in.requestId(),
                        contact != null && contact.existingId() != null ? List.of(contact.existingId()) : List.of(),
                        contact == null ? null : contact.created()));
            }
            violations.throwIfAny();
            List<ComplexResult> results = new ArrayList<>();
            for (NewLead draft : drafts) {
                persistNew(draft, ctx, changes);
                Long contactId = draft.contactIds().isEmpty() ? null : draft.contactIds().get(0);
                if (draft.newContact() != null) {
                    contactService.save(draft.newContact(), true);
                    contactId = draft.newContact().id();
                    links.link(draft.lead().id(), contactId, true, ctx.now());
                }
                results.add(new ComplexResult(draft.lead().id(), contactId, draft.requestId()));
            }
            return results;
        });
    }

    /** {@code PATCH /leads}: a batch of partial updates, each naming its {@code id}. */
    public List<Written<Lead>> update(JsonNode body) {
        return writes.write(changes -> {
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_BATCH, violations);
            Context ctx = context();
            List<Changed> updated = new ArrayList<>();
            for (EntityInput in : inputs) {
                Long id = in.longValue("id");
                if (id == null) {
                    if (!in.has("id")) {
                        in.violation(Violation.FIELD_MISSING, "id", "This field is missing.");
                    }
                    continue;
                }
                readUpdate(in, id, ctx).ifPresent(updated::add);
            }
            violations.throwIfAny();
            return updated.stream().map(c -> persistUpdate(c, changes)).toList();
        });
    }

    /** {@code PATCH /leads/{id}}. */
    public Lead updateOne(long id, JsonNode body) {
        return writes.write(changes -> {
            Violations violations = new Violations();
            EntityInput in = EntityInput.single(body, violations);
            Optional<Changed> change = readUpdate(in, id, context());
            violations.throwIfAny();
            return persistUpdate(change.orElseThrow(), changes).entity();
        });
    }

    /** A stage change made on the sandbox page: the same path, events and webhooks as an API PATCH. */
    public Lead move(long id, long pipelineId, long statusId) {
        ArrayNode body = SandboxJson.array();
        body.addObject().put("id", id).put("pipeline_id", pipelineId).put("status_id", statusId);
        return update(body).get(0).entity();
    }

    /** Deleting is possible in Kommo's interface only (API v4 has no lead DELETE); the sandbox page offers it. */
    public boolean delete(long id) {
        return writes.write(changes -> {
            Optional<Lead> lead = leads.lock(id);
            lead.ifPresent(l -> {
                leads.markDeleted(id, Instant.now().getEpochSecond());
                changes.add(new Change.LeadDeleted(l));
            });
            return lead.isPresent();
        });
    }

    private Optional<Changed> readUpdate(EntityInput in, long id, Context ctx) {
        Optional<Lead> current = leads.lock(id);
        if (current.isEmpty()) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, "id", "The value you selected is not a valid choice.");
            return Optional.empty();
        }
        Lead after = read(in, current.get(), id, ctx);
        return after == null ? Optional.empty() : Optional.of(new Changed(current.get(), after, in.requestId()));
    }

    /**
     * The lead after applying the input to {@code current} (null for a new lead). Failures are recorded
     * in the input's violations; the result is then only a placeholder that is never saved.
     */
    private Lead read(EntityInput in, Lead current, long id, Context ctx) {
        in.allowOnly(FIELDS);
        EntityInput embedded = in.child("_embedded");
        if (embedded != null) {
            embedded.allowOnly(EMBEDDED);
        }
        String name = in.text("name");
        Long price = in.longValue("price");
        Long lossReason = in.longValue("loss_reason_id");
        Long responsible = checkedUser(in, "responsible_user_id", false);
        Long createdBy = checkedUser(in, "created_by", true);
        Long updatedBy = checkedUser(in, "updated_by", true);
        Long createdAt = in.longValue("created_at");
        Long updatedAt = in.longValue("updated_at");
        Long closedAt = in.longValue("closed_at");
        Status stage = stage(in, current, ctx);
        ArrayNode values = customFields.apply(in, "leads", current == null ? null : current.customFieldsValues());
        List<Tag> tags = tagging.apply(in, embedded, "leads", current == null ? List.of() : current.tags());
        if (stage == null) {
            return null;
        }
        boolean wasClosed = current != null && Status.isClosed(current.statusId());
        Long closed = closedAt != null ? closedAt
                : stage.isClosed() ? (wasClosed ? current.closedAt() : ctx.now())
                : null;
        return new Lead(id,
                name != null ? name : current != null ? current.name() : "Lead #" + id,
                price != null ? price : current != null ? current.price() : 0,
                responsible != null ? responsible : current != null ? current.responsibleUserId() : ctx.author(),
                stage.pipelineId(), stage.id(),
                lossReason != null ? lossReason : current != null && stage.id() == Status.LOST ? current.lossReasonId() : null,
                createdBy != null ? createdBy : current != null ? current.createdBy() : ctx.author(),
                updatedBy != null ? updatedBy : ctx.author(),
                createdAt != null ? createdAt : current != null ? current.createdAt() : ctx.now(),
                updatedAt != null ? updatedAt : ctx.now(),
                closed, values, tags, null, current == null ? null : current.closestTaskAt());
    }

    /**
     * Where the lead goes. {@code pipeline_id} alone moves it to that pipeline's first working stage;
     * {@code status_id} alone is looked up in the current (or main) pipeline, then in the others.
     */
    private Status stage(EntityInput in, Lead current, Context ctx) {
        Long pipelineId = in.longValue("pipeline_id");
        Long statusId = in.longValue("status_id");
        Pipeline pipeline;
        if (pipelineId != null) {
            pipeline = ctx.pipeline(pipelineId).orElse(null);
            if (pipeline == null) {
                in.violation(Violation.NOT_SUPPORTED_CHOICE, "pipeline_id", "The value you selected is not a valid choice.");
                return null;
            }
        } else {
            Pipeline home = current != null ? ctx.pipeline(current.pipelineId()).orElse(ctx.main()) : ctx.main();
            pipeline = statusId == null || Status.isClosed(statusId) || home.status(statusId).isPresent()
                    ? home : ctx.pipelineOfStatus(statusId).orElse(home);
        }
        if (statusId == null) {
            boolean samePipeline = current != null && current.pipelineId() == pipeline.id();
            return samePipeline ? pipeline.status(current.statusId()).orElse(pipeline.firstWorkingStatus())
                    : pipeline.firstWorkingStatus();
        }
        Optional<Status> status = pipeline.status(statusId);
        if (status.isEmpty()) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, "status_id", "The value you selected is not a valid choice.");
            return null;
        }
        return status.get();
    }

    private List<Long> linkedContacts(EntityInput in) {
        EntityInput embedded = in.child("_embedded");
        ArrayNode list = embedded == null ? null : embedded.array("contacts");
        List<Long> found = new ArrayList<>();
        if (list == null) {
            return found;
        }
        for (int i = 0; i < list.size(); i++) {
            EntityInput ref = embedded.element(list, "contacts", i);
            if (ref == null) {
                continue;
            }
            ref.allowOnly(LINKED_CONTACT);
            Long contactId = ref.longValue("id");
            if (contactId == null || contacts.find(contactId).isEmpty()) {
                ref.violation(Violation.NOT_SUPPORTED_CHOICE, ref.path("id"), "The value you selected is not a valid choice.");
            } else {
                found.add(contactId);
            }
        }
        return found;
    }

    private ComplexContact complexContact(EntityInput in, Context ctx) {
        EntityInput embedded = in.child("_embedded");
        ArrayNode list = embedded == null ? null : embedded.array("contacts");
        if (list == null || list.isEmpty()) {
            return null;
        }
        if (list.size() > 1) {
            in.violation(Violation.TOO_MANY, embedded.path("contacts"), "This collection should contain 1 element or less.");
            return null;
        }
        EntityInput contact = embedded.element(list, "contacts", 0);
        if (contact == null) {
            return null;
        }
        if (contact.has("id") && !contact.isNull("id")) {
            Long existing = contact.longValue("id");
            if (existing == null || contacts.find(existing).isEmpty()) {
                contact.violation(Violation.NOT_SUPPORTED_CHOICE, contact.path("id"), "The value you selected is not a valid choice.");
                return null;
            }
            return new ComplexContact(existing, null);
        }
        return new ComplexContact(null, contactService.read(contact, null, ids.next(), ctx.now(), ctx.author()));
    }

    private Written<Lead> persistNew(NewLead draft, Context ctx, ChangeSet changes) {
        Lead lead = draft.lead();
        leads.insert(lead, search(lead));
        for (int i = 0; i < draft.contactIds().size(); i++) {
            links.link(lead.id(), draft.contactIds().get(i), i == 0, ctx.now());
        }
        changes.add(new Change.LeadAdded(lead));
        return new Written<>(lead, draft.requestId());
    }

    private Written<Lead> persistUpdate(Changed change, ChangeSet changes) {
        leads.update(change.after(), search(change.after()));
        changes.add(new Change.LeadUpdated(change.before(), change.after()));
        return new Written<>(change.after(), change.requestId());
    }

    private static String search(Lead lead) {
        return SearchText.of(lead.id(), lead.customFieldsValues(), lead.name());
    }

    private Long checkedUser(EntityInput in, String field, boolean robotAllowed) {
        Long id = in.longValue(field);
        if (id != null && !(robotAllowed && id == 0) && !users.exists(id)) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, in.path(field), "The value you selected is not a valid choice.");
            return null;
        }
        return id;
    }

    private Context context() {
        return new Context(Instant.now().getEpochSecond(), users.owner().id(), pipelines.all());
    }

    /** What one call reads once: the time, the acting user and the pipelines. */
    private record Context(long now, long author, List<Pipeline> pipelines) {

        Optional<Pipeline> pipeline(long id) {
            return pipelines.stream().filter(p -> p.id() == id).findFirst();
        }

        Optional<Pipeline> pipelineOfStatus(long statusId) {
            return pipelines.stream().filter(p -> p.status(statusId).isPresent()).findFirst();
        }

        Pipeline main() {
            return pipelines.stream().filter(Pipeline::isMain).findFirst().orElse(pipelines.get(0));
        }
    }

    private record NewLead(Lead lead, String requestId, List<Long> contactIds, Contact newContact) {
    }

    private record ComplexContact(Long existingId, Contact created) {
    }

    private record Changed(Lead before, Lead after, String requestId) {
    }

    /** One line of the complex answer. */
    public record ComplexResult(long id, Long contactId, String requestId) {
    }
}
