package com.solarprime.integration.sandbox.api;

import com.solarprime.integration.sandbox.crm.Written;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.store.Contact;
import com.solarprime.integration.sandbox.store.CustomField;
import com.solarprime.integration.sandbox.store.Event;
import com.solarprime.integration.sandbox.store.Lead;
import com.solarprime.integration.sandbox.store.LeadContact;
import com.solarprime.integration.sandbox.store.Note;
import com.solarprime.integration.sandbox.store.Pipeline;
import com.solarprime.integration.sandbox.store.Status;
import com.solarprime.integration.sandbox.store.Tag;
import com.solarprime.integration.sandbox.store.Task;
import com.solarprime.integration.sandbox.store.User;
import com.solarprime.integration.sandbox.store.Webhook;
import java.util.List;
import java.util.function.ToLongFunction;

/** Entities in the exact JSON shape Kommo API v4 returns them, nulls and read-only fields included. */
final class Representations {

    private final Links links;
    private final long accountId;

    Representations(Links links, SandboxProperties props) {
        this.links = links;
        this.accountId = props.account().id();
    }

    Links links() {
        return links;
    }

    /** {@code contacts} is null unless the caller asked {@code with=contacts}. */
    ObjectNode lead(Lead lead, List<LeadContact> contacts) {
        ObjectNode json = SandboxJson.object()
                .put("id", lead.id())
                .put("name", lead.name())
                .put("price", lead.price())
                .put("responsible_user_id", lead.responsibleUserId())
                .put("group_id", 0)
                .put("status_id", lead.statusId())
                .put("pipeline_id", lead.pipelineId())
                .put("loss_reason_id", lead.lossReasonId())
                .put("created_by", lead.createdBy())
                .put("updated_by", lead.updatedBy())
                .put("created_at", lead.createdAt())
                .put("updated_at", lead.updatedAt())
                .put("closed_at", lead.closedAt())
                .put("closest_task_at", lead.closestTaskAt())
                .put("is_deleted", lead.deletedAt() != null);
        json.set("custom_fields_values", fieldValues(lead.customFieldsValues()));
        json.putNull("score").put("account_id", accountId).put("labor_cost", (Integer) null);
        json.set("_links", links.self("/leads/" + lead.id()));
        ObjectNode embedded = json.putObject("_embedded");
        embedded.set("tags", tags(lead.tags()));
        embedded.putArray("companies");
        if (contacts != null) {
            ArrayNode list = embedded.putArray("contacts");
            contacts.forEach(c -> list.addObject().put("id", c.contactId()).put("is_main", c.isMain())
                    .set("_links", links.self("/contacts/" + c.contactId())));
        }
        return json;
    }

    /** {@code leads} is null unless the caller asked {@code with=leads}. */
    ObjectNode contact(Contact contact, List<LeadContact> leads) {
        ObjectNode json = SandboxJson.object()
                .put("id", contact.id())
                .put("name", contact.name())
                .put("first_name", contact.firstName())
                .put("last_name", contact.lastName())
                .put("responsible_user_id", contact.responsibleUserId())
                .put("group_id", 0)
                .put("created_by", contact.createdBy())
                .put("updated_by", contact.updatedBy())
                .put("created_at", contact.createdAt())
                .put("updated_at", contact.updatedAt())
                .put("closest_task_at", contact.closestTaskAt())
                .put("is_deleted", false)
                .put("is_unsorted", false);
        json.set("custom_fields_values", fieldValues(contact.customFieldsValues()));
        json.put("account_id", accountId);
        json.set("_links", links.self("/contacts/" + contact.id()));
        ObjectNode embedded = json.putObject("_embedded");
        embedded.set("tags", tags(contact.tags()));
        embedded.putArray("companies");
        if (leads != null) {
            ArrayNode list = embedded.putArray("leads");
            leads.forEach(l -> list.addObject().put("id", l.leadId()).set("_links", links.self("/leads/" + l.leadId())));
        }
        return json;
    }

    /** Stored values in Kommo's key order (jsonb keeps its own order). */
    static ArrayNode fieldValues(ArrayNode stored) {
        if (stored == null) {
            return null;
        }
        ArrayNode out = SandboxJson.array();
        for (JsonNode field : stored) {
            ObjectNode entry = out.addObject();
            for (String key : List.of("field_id", "field_name", "field_code", "field_type")) {
                entry.set(key, field.get(key));
            }
            ArrayNode values = entry.putArray("values");
            for (JsonNode value : field.get("values")) {
                ObjectNode v = values.addObject();
                for (String key : List.of("value", "enum_id", "enum_code")) {
                    if (value.has(key)) {
                        v.set(key, value.get(key));
                    }
                }
            }
            entry.put("is_computed", false);
        }
        return out;
    }

    ArrayNode tags(List<Tag> tags) {
        ArrayNode array = SandboxJson.array();
        tags.forEach(t -> array.addObject().put("id", t.id()).put("name", t.name()).putNull("color"));
        return array;
    }

    ObjectNode tag(Tag tag, String entityType) {
        ObjectNode json = SandboxJson.object().put("id", tag.id()).put("name", tag.name()).putNull("color");
        json.set("_links", links.self("/" + entityType + "/tags/" + tag.id()));
        return json;
    }

    ObjectNode pipeline(Pipeline pipeline) {
        ObjectNode json = SandboxJson.object()
                .put("id", pipeline.id())
                .put("name", pipeline.name())
                .put("sort", pipeline.sort())
                .put("is_main", pipeline.isMain())
                .put("is_unsorted_on", pipeline.isUnsortedOn())
                .put("is_archive", pipeline.isArchive())
                .put("account_id", accountId);
        json.set("_links", links.self("/leads/pipelines/" + pipeline.id()));
        ArrayNode statuses = json.putObject("_embedded").putArray("statuses");
        pipeline.statuses().forEach(s -> statuses.add(status(s)));
        return json;
    }

    ObjectNode status(Status status) {
        ObjectNode json = SandboxJson.object()
                .put("id", status.id())
                .put("name", status.name())
                .put("sort", status.sort())
                .put("is_editable", status.isEditable())
                .put("pipeline_id", status.pipelineId())
                .put("color", status.color())
                .put("type", status.type())
                .put("account_id", accountId);
        json.set("_links", links.self("/leads/pipelines/" + status.pipelineId() + "/statuses/" + status.id()));
        return json;
    }

    ObjectNode customField(CustomField field) {
        ObjectNode json = SandboxJson.object()
                .put("id", field.id())
                .put("name", field.name())
                .put("type", field.type())
                .put("account_id", accountId)
                .put("code", field.code())
                .put("sort", field.sort())
                .put("is_api_only", field.isApiOnly());
        if (field.hasEnums()) {
            ArrayNode enums = json.putArray("enums");
            field.enums().forEach(e -> enums.addObject().put("id", e.id()).put("value", e.value()).put("sort", e.sort()));
        } else {
            json.putNull("enums");
        }
        json.putNull("group_id");
        json.putArray("required_statuses");
        json.put("is_deletable", !field.isPredefined())
                .put("is_predefined", field.isPredefined())
                .put("entity_type", field.entityType())
                .putNull("remind")
                .putNull("triggers")
                .putNull("currency")
                .putNull("hidden_statuses")
                .putNull("chained_lists");
        json.set("_links", links.self("/" + field.entityType() + "/custom_fields/" + field.id()));
        return json;
    }

    ObjectNode note(Note note) {
        ObjectNode json = SandboxJson.object()
                .put("id", note.id())
                .put("entity_id", note.entityId())
                .put("created_by", note.createdBy())
                .put("updated_by", note.updatedBy())
                .put("created_at", note.createdAt())
                .put("updated_at", note.updatedAt())
                .put("responsible_user_id", note.responsibleUserId())
                .put("group_id", 0)
                .put("note_type", note.noteType());
        json.set("params", note.params());
        json.put("account_id", accountId);
        json.set("_links", links.self("/" + note.entityType() + "/" + note.entityId() + "/notes/" + note.id()));
        return json;
    }

    ObjectNode task(Task task) {
        ObjectNode json = SandboxJson.object()
                .put("id", task.id())
                .put("created_by", task.createdBy())
                .put("updated_by", task.updatedBy())
                .put("created_at", task.createdAt())
                .put("updated_at", task.updatedAt())
                .put("responsible_user_id", task.responsibleUserId())
                .put("group_id", 0)
                .put("entity_id", task.entityId())
                .put("entity_type", task.entityType())
                .put("duration", task.duration())
                .put("is_completed", task.isCompleted())
                .put("task_type_id", task.taskTypeId())
                .put("text", task.text());
        if (task.resultText() == null) {
            json.putArray("result");
        } else {
            json.putObject("result").put("text", task.resultText());
        }
        json.put("complete_till", task.completeTill()).put("account_id", accountId);
        json.set("_links", links.self("/tasks/" + task.id()));
        return json;
    }

    ObjectNode event(Event event) {
        ObjectNode json = SandboxJson.object()
                .put("id", event.id())
                .put("type", event.type())
                .put("entity_id", event.entityId())
                .put("entity_type", event.entityType())
                .put("created_by", event.createdBy())
                .put("created_at", event.createdAt());
        json.set("value_after", event.valueAfter());
        json.set("value_before", event.valueBefore());
        json.put("account_id", accountId);
        json.set("_links", links.self("/events/" + event.id()));
        ObjectNode entity = json.putObject("_embedded").putObject("entity").put("id", event.entityId());
        entity.set("_links", links.self("/leads/" + event.entityId()));
        return json;
    }

    ObjectNode webhook(Webhook webhook) {
        ObjectNode json = SandboxJson.object()
                .put("id", webhook.id())
                .put("destination", webhook.destination())
                .put("created_at", webhook.createdAt())
                .put("updated_at", webhook.updatedAt())
                .put("account_id", accountId)
                .put("created_by", webhook.createdBy())
                .put("sort", webhook.sort())
                .put("disabled", webhook.disabled());
        ArrayNode settings = json.putArray("settings");
        webhook.settings().forEach(settings::add);
        return json;
    }

    ObjectNode user(User user) {
        ObjectNode json = SandboxJson.object()
                .put("id", user.id())
                .put("name", user.name())
                .put("email", user.email())
                .put("lang", "en");
        ObjectNode rights = json.putObject("rights");
        String level = user.isAdmin() ? "A" : "M";
        for (String entity : List.of("leads", "contacts", "companies", "tasks")) {
            rights.putObject(entity).put("view", level).put("edit", level).put("add", "A").put("delete", level)
                    .put("export", level);
        }
        rights.put("mail_access", true).put("catalog_access", true).put("is_admin", user.isAdmin())
                .put("is_free", false).put("is_active", true).putNull("group_id").putNull("role_id");
        rights.putArray("status_rights");
        json.set("_links", links.self("/users/" + user.id()));
        return json;
    }

    /** The answer to a batch write: id, request id and link per entity; updates also report {@code updated_at}. */
    <T> ObjectNode written(String collection, List<Written<T>> written, ToLongFunction<T> id, ToLongFunction<T> updatedAt,
                           boolean update) {
        ObjectNode body = SandboxJson.object();
        body.set("_links", links.self("/" + collection));
        ArrayNode items = body.putObject("_embedded").putArray(collection);
        for (Written<T> w : written) {
            long entityId = id.applyAsLong(w.entity());
            ObjectNode item = items.addObject().put("id", entityId);
            if (update) {
                item.put("updated_at", updatedAt.applyAsLong(w.entity()));
            }
            item.put("request_id", w.requestId());
            item.set("_links", links.self("/" + collection + "/" + entityId));
        }
        return body;
    }
}
