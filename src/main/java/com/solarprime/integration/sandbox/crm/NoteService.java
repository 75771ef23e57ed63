package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.store.ContactStore;
import com.solarprime.integration.sandbox.store.Ids;
import com.solarprime.integration.sandbox.store.LeadStore;
import com.solarprime.integration.sandbox.store.Note;
import com.solarprime.integration.sandbox.store.NoteStore;
import com.solarprime.integration.sandbox.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Notes of leads and contacts: {@code POST /leads/notes} and {@code POST /leads/{id}/notes}. */
@Component
@ConditionalOnSandbox
public class NoteService {

    private static final int MAX_BATCH = 250;
    private static final Set<String> FIELDS = Set.of("entity_id", "note_type", "params", "request_id",
            "responsible_user_id", "created_by", "updated_by", "created_at", "updated_at",
            "is_need_to_trigger_digital_pipeline", "id", "group_id", "account_id", "_links");
    private static final Set<String> NOTE_TYPES = Set.of("common", "call_in", "call_out", "service_message",
            "extended_service_message", "message_cashier", "geolocation", "sms_in", "sms_out", "invoice_paid",
            "attachment");
    /** Types whose {@code params.text} is the note itself. */
    private static final Set<String> TEXT_TYPES = Set.of("common", "service_message", "sms_in", "sms_out",
            "extended_service_message", "message_cashier", "invoice_paid");

    private final CrmWrites writes;
    private final NoteStore notes;
    private final LeadStore leads;
    private final ContactStore contacts;
    private final UserStore users;
    private final Ids ids;

    public NoteService(CrmWrites writes, NoteStore notes, LeadStore leads, ContactStore contacts, UserStore users, Ids ids) {
        this.writes = writes;
        this.notes = notes;
        this.leads = leads;
        this.contacts = contacts;
        this.users = users;
        this.ids = ids;
    }

    /** {@code entityIdFromPath} is set for {@code POST /leads/{id}/notes}, where the body needs no entity_id. */
    public List<Written<Note>> create(String entityType, Long entityIdFromPath, JsonNode body) {
        return writes.write(changes -> {
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_BATCH, violations);
            long now = Instant.now().getEpochSecond();
            long author = users.owner().id();
            List<Written<Note>> drafts = new ArrayList<>();
            for (EntityInput in : inputs) {
                in.allowOnly(FIELDS);
                Long entityId = entityIdFromPath != null ? entityIdFromPath : in.longValue("entity_id");
                if (entityId == null) {
                    in.violation(Violation.FIELD_MISSING, "entity_id", "This field is missing.");
                } else if (!exists(entityType, entityId)) {
                    in.violation(Violation.NOT_SUPPORTED_CHOICE, entityIdFromPath != null ? "" : "entity_id",
                            "The value you selected is not a valid choice.");
                }
                String type = in.text("note_type");
                if (type == null) {
                    in.violation(Violation.FIELD_MISSING, "note_type", "This field is missing.");
                } else if (!NOTE_TYPES.contains(type)) {
                    in.violation(Violation.NOT_SUPPORTED_CHOICE, "note_type", "The value you selected is not a valid choice.");
                }
                ObjectNode params = params(in, type);
                Long responsible = in.longValue("responsible_user_id");
                if (responsible != null && !users.exists(responsible)) {
                    in.violation(Violation.NOT_SUPPORTED_CHOICE, "responsible_user_id",
                            "The value you selected is not a valid choice.");
                }
                Long createdBy = in.longValue("created_by");
                Long createdAt = in.longValue("created_at");
                Note note = new Note(ids.next(), entityType, entityId == null ? 0 : entityId, type, params,
                        responsible != null ? responsible : author, createdBy != null ? createdBy : author, author,
                        createdAt != null ? createdAt : now, now);
                drafts.add(new Written<>(note, in.requestId()));
            }
            violations.throwIfAny();
            drafts.forEach(d -> {
                notes.insert(d.entity());
                changes.add(new Change.NoteAdded(d.entity()));
            });
            return drafts;
        });
    }

    private ObjectNode params(EntityInput in, String type) {
        JsonNode params = in.raw("params");
        if (params == null || params.isNull()) {
            if (type != null && TEXT_TYPES.contains(type)) {
                in.violation(Violation.FIELD_MISSING, "params", "This field is missing.");
            }
            return SandboxJson.object();
        }
        if (!params.isObject()) {
            in.violation(Violation.INVALID_TYPE, "params", "This value should be of type object.");
            return SandboxJson.object();
        }
        if (type != null && TEXT_TYPES.contains(type)) {
            JsonNode text = params.get("text");
            if (text == null || text.isNull()) {
                in.violation(Violation.FIELD_MISSING, "params.text", "This field is missing.");
            } else if (!text.isTextual()) {
                in.violation(Violation.INVALID_TYPE, "params.text", "This value should be of type string.");
            }
        }
        return ((ObjectNode) params).deepCopy();
    }

    private boolean exists(String entityType, long id) {
        return "leads".equals(entityType) ? leads.find(id).isPresent() : contacts.find(id).isPresent();
    }
}
