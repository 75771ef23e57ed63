package com.solarprime.integration.sandbox.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.crm.Change;
import com.solarprime.integration.sandbox.store.Lead;
import com.solarprime.integration.sandbox.store.Note;
import com.solarprime.integration.sandbox.store.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The form body Kommo posts for one call's changes, filtered by a webhook's settings. Webhooks still
 * speak Kommo's older vocabulary ({@code last_modified}, {@code date_create}, {@code custom_fields},
 * numeric note types), so their keys differ from API v4's. One delivery carries every entity and action
 * of the call ({@code leads[add][0..n]}, {@code leads[status][0..n]}, ...), then the {@code account} block.
 */
final class WebhookPayload {

    /** Old numeric codes of note types, as webhooks report them. */
    private static final Map<String, String> NOTE_TYPE_CODES = Map.of("common", "4", "call_in", "10",
            "call_out", "11", "service_message", "25", "sms_in", "102", "sms_out", "103");
    private static final List<String[]> SECTIONS = List.of(new String[] {"leads", "add"},
            new String[] {"leads", "update"}, new String[] {"leads", "status"}, new String[] {"leads", "responsible"},
            new String[] {"leads", "delete"}, new String[] {"leads", "note"}, new String[] {"tasks", "add"},
            new String[] {"tasks", "update"});

    private final long accountId;
    private final Map<String, List<Consumer<FormBody.Prefix>>> sections = new LinkedHashMap<>();

    private WebhookPayload(long accountId) {
        this.accountId = accountId;
        SECTIONS.forEach(s -> sections.put(s[0] + "/" + s[1], new ArrayList<>()));
    }

    /** The body for a webhook with these settings, or null when none of the changes concerns it. */
    static FormBody build(List<Change> changes, List<String> settings, SandboxProperties.Account account) {
        WebhookPayload payload = new WebhookPayload(account.id());
        changes.forEach(change -> payload.collect(change, settings));
        FormBody body = new FormBody();
        payload.sections.forEach((section, writers) -> {
            String[] names = section.split("/");
            for (int i = 0; i < writers.size(); i++) {
                writers.get(i).accept(body.at(names[0], names[1], String.valueOf(i)));
            }
        });
        if (body.isEmpty()) {
            return null;
        }
        body.at("account").add("subdomain", account.subdomain()).add("id", account.id())
                .at("_links").add("self", "https://" + account.host());
        return body;
    }

    private void collect(Change change, List<String> settings) {
        if (change instanceof Change.LeadAdded added && settings.contains("add_lead")) {
            section("leads/add").add(p -> lead(p, added.lead(), null));
        } else if (change instanceof Change.LeadUpdated updated) {
            if (settings.contains("update_lead")) {
                section("leads/update").add(p -> lead(p, updated.after(), null));
            }
            if (updated.statusChanged() && settings.contains("status_lead")) {
                section("leads/status").add(p -> lead(p, updated.after(), updated.before()));
            }
            if (updated.responsibleChanged() && settings.contains("responsible_lead")) {
                section("leads/responsible").add(p -> lead(p, updated.after(), null)
                        .add("old_responsible_user_id", updated.before().responsibleUserId()));
            }
        } else if (change instanceof Change.LeadDeleted deleted && settings.contains("delete_lead")) {
            section("leads/delete").add(p -> p.add("id", deleted.lead().id())
                    .add("status_id", deleted.lead().statusId())
                    .add("pipeline_id", deleted.lead().pipelineId()));
        } else if (change instanceof Change.NoteAdded added && "leads".equals(added.note().entityType())
                && settings.contains("note_lead")) {
            section("leads/note").add(p -> note(p.at("note"), added.note()));
        } else if (change instanceof Change.TaskAdded added && settings.contains("add_task")) {
            section("tasks/add").add(p -> task(p, added.task()));
        } else if (change instanceof Change.TaskUpdated updated && settings.contains("update_task")) {
            section("tasks/update").add(p -> task(p, updated.task()));
        }
    }

    private List<Consumer<FormBody.Prefix>> section(String name) {
        return sections.get(name);
    }

    /** A lead in webhook form; {@code before} is set for a status change and adds the old stage. */
    private FormBody.Prefix lead(FormBody.Prefix p, Lead lead, Lead before) {
        p.add("id", lead.id()).add("name", lead.name()).add("status_id", lead.statusId());
        if (before != null) {
            p.add("old_status_id", before.statusId());
        }
        p.add("price", lead.price())
                .add("responsible_user_id", lead.responsibleUserId())
                .add("last_modified", lead.updatedAt())
                .add("modified_user_id", lead.updatedBy())
                .add("created_user_id", lead.createdBy())
                .add("date_create", lead.createdAt())
                .add("pipeline_id", lead.pipelineId());
        if (before != null) {
            p.add("old_pipeline_id", before.pipelineId());
        }
        for (int i = 0; i < lead.tags().size(); i++) {
            p.at("tags", i).add("id", lead.tags().get(i).id()).add("name", lead.tags().get(i).name());
        }
        p.add("account_id", accountId);
        if (lead.customFieldsValues() != null) {
            int i = 0;
            for (JsonNode field : lead.customFieldsValues()) {
                FormBody.Prefix f = p.at("custom_fields", i++)
                        .add("id", field.get("field_id").asLong())
                        .add("name", field.get("field_name").asText());
                if (!field.get("field_code").isNull()) {
                    f.add("code", field.get("field_code").asText());
                }
                int j = 0;
                for (JsonNode value : field.get("values")) {
                    FormBody.Prefix v = f.at("values", j++).add("value", value.get("value").asText());
                    if (value.hasNonNull("enum_id")) {
                        v.add("enum", value.get("enum_id").asLong());
                    }
                }
            }
        }
        p.add("created_at", lead.createdAt()).add("updated_at", lead.updatedAt());
        if (lead.closedAt() != null) {
            p.add("closed_at", lead.closedAt());
        }
        return p;
    }

    private void note(FormBody.Prefix p, Note note) {
        p.add("id", note.id())
                .add("note_type", NOTE_TYPE_CODES.getOrDefault(note.noteType(), note.noteType()))
                .add("element_id", note.entityId())
                .add("element_type", 2)
                .add("text", note.params().path("text").asText(""))
                .add("date_create", note.createdAt())
                .add("last_modified", note.updatedAt())
                .add("created_by", note.createdBy())
                .add("modified_by", note.updatedBy())
                .add("responsible_user_id", note.responsibleUserId())
                .add("account_id", accountId);
    }

    private void task(FormBody.Prefix p, Task task) {
        p.add("id", task.id())
                .add("element_id", task.entityId())
                .add("element_type", "contacts".equals(task.entityType()) ? 1 : 2)
                .add("task_type", task.taskTypeId())
                .add("text", task.text())
                .add("status", task.isCompleted() ? 1 : 0)
                .add("complete_till", task.completeTill())
                .add("responsible_user_id", task.responsibleUserId())
                .add("created_user_id", task.createdBy())
                .add("date_create", task.createdAt())
                .add("last_modified", task.updatedAt())
                .add("account_id", accountId);
        if (task.resultText() != null) {
            p.at("result").add("text", task.resultText());
        }
    }
}
