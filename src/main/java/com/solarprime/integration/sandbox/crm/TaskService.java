package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.store.ContactStore;
import com.solarprime.integration.sandbox.store.Ids;
import com.solarprime.integration.sandbox.store.LeadStore;
import com.solarprime.integration.sandbox.store.Task;
import com.solarprime.integration.sandbox.store.TaskStore;
import com.solarprime.integration.sandbox.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Tasks: created in batches, completed with {@code is_completed} and {@code result.text}. */
@Component
@ConditionalOnSandbox
public class TaskService {

    private static final int MAX_BATCH = 250;
    private static final Set<String> FIELDS = Set.of("id", "text", "complete_till", "entity_type", "entity_id",
            "task_type_id", "responsible_user_id", "duration", "is_completed", "result", "created_by", "updated_by",
            "created_at", "updated_at", "request_id", "group_id", "account_id", "_links");
    private static final Set<String> ENTITY_TYPES = Set.of("leads", "contacts");
    /** 1 = follow-up (call), 2 = meeting: the task types every account has. */
    private static final Set<Integer> TASK_TYPES = Set.of(1, 2);

    private final CrmWrites writes;
    private final TaskStore tasks;
    private final LeadStore leads;
    private final ContactStore contacts;
    private final UserStore users;
    private final Ids ids;

    public TaskService(CrmWrites writes, TaskStore tasks, LeadStore leads, ContactStore contacts, UserStore users, Ids ids) {
        this.writes = writes;
        this.tasks = tasks;
        this.leads = leads;
        this.contacts = contacts;
        this.users = users;
        this.ids = ids;
    }

    public List<Written<Task>> create(JsonNode body) {
        return writes.write(changes -> {
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_BATCH, violations);
            List<Written<Task>> drafts = new ArrayList<>();
            for (EntityInput in : inputs) {
                if (!in.has("text")) {
                    in.violation(Violation.FIELD_MISSING, "text", "This field is missing.");
                }
                if (!in.has("complete_till")) {
                    in.violation(Violation.FIELD_MISSING, "complete_till", "This field is missing.");
                }
                drafts.add(new Written<>(read(in, null, ids.next()), in.requestId()));
            }
            violations.throwIfAny();
            drafts.forEach(d -> {
                tasks.insert(d.entity());
                changes.add(new Change.TaskAdded(d.entity()));
            });
            return drafts;
        });
    }

    public List<Written<Task>> update(JsonNode body) {
        return writes.write(changes -> {
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_BATCH, violations);
            List<Written<Task>> updated = new ArrayList<>();
            for (EntityInput in : inputs) {
                Long id = in.longValue("id");
                if (id == null) {
                    in.violation(Violation.FIELD_MISSING, "id", "This field is missing.");
                    continue;
                }
                readUpdate(in, id).ifPresent(t -> updated.add(new Written<>(t, in.requestId())));
            }
            violations.throwIfAny();
            updated.forEach(w -> save(w.entity(), changes));
            return updated;
        });
    }

    public Task updateOne(long id, JsonNode body) {
        return writes.write(changes -> {
            Violations violations = new Violations();
            Optional<Task> task = readUpdate(EntityInput.single(body, violations), id);
            violations.throwIfAny();
            save(task.orElseThrow(), changes);
            return task.get();
        });
    }

    private void save(Task task, ChangeSet changes) {
        tasks.update(task);
        changes.add(new Change.TaskUpdated(task));
    }

    private Optional<Task> readUpdate(EntityInput in, long id) {
        Optional<Task> current = tasks.lock(id);
        if (current.isEmpty()) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, "id", "The value you selected is not a valid choice.");
            return Optional.empty();
        }
        return Optional.of(read(in, current.get(), id));
    }

    private Task read(EntityInput in, Task current, long id) {
        in.allowOnly(FIELDS);
        long now = Instant.now().getEpochSecond();
        long author = users.owner().id();
        String text = in.text("text");
        if (in.has("text") && (text == null || text.isBlank())) {
            in.violation(Violation.NOT_BLANK, "text", "This value should not be blank.");
        }
        Long completeTill = in.longValue("complete_till");
        String entityType = in.text("entity_type");
        Long entityId = in.longValue("entity_id");
        String type = entityType != null ? entityType : current == null ? null : current.entityType();
        Long target = entityId != null ? entityId : current == null ? null : current.entityId();
        if (entityType != null && !ENTITY_TYPES.contains(entityType)) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, "entity_type", "The value you selected is not a valid choice.");
        } else if (type != null && target == null) {
            in.violation(Violation.FIELD_MISSING, "entity_id", "This field is missing.");
        } else if (type == null && target != null) {
            in.violation(Violation.FIELD_MISSING, "entity_type", "This field is missing.");
        } else if ((entityType != null || entityId != null) && !exists(type, target)) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, "entity_id", "The value you selected is not a valid choice.");
        }
        Integer taskType = in.intValue("task_type_id");
        if (taskType != null && !TASK_TYPES.contains(taskType)) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, "task_type_id", "The value you selected is not a valid choice.");
        }
        Long responsible = in.longValue("responsible_user_id");
        if (responsible != null && !users.exists(responsible)) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, "responsible_user_id", "The value you selected is not a valid choice.");
        }
        Integer duration = in.intValue("duration");
        Boolean completed = in.bool("is_completed");
        EntityInput result = in.child("result");
        String resultText = null;
        if (result != null) {
            result.allowOnly(Set.of("text"));
            resultText = result.text("text");
        }
        Long createdBy = in.longValue("created_by");
        Long createdAt = in.longValue("created_at");
        Long updatedAt = in.longValue("updated_at");
        return new Task(id,
                text != null ? text : current == null ? "" : current.text(),
                type, target,
                responsible != null ? responsible : current == null ? author : current.responsibleUserId(),
                taskType != null ? taskType : current == null ? 1 : current.taskTypeId(),
                duration != null ? duration : current == null ? 0 : current.duration(),
                completeTill != null ? completeTill : current == null ? 0 : current.completeTill(),
                completed != null ? completed : current != null && current.isCompleted(),
                resultText != null ? resultText : current == null ? null : current.resultText(),
                createdBy != null ? createdBy : current == null ? author : current.createdBy(),
                author,
                createdAt != null ? createdAt : current == null ? now : current.createdAt(),
                updatedAt != null ? updatedAt : now);
    }

    private boolean exists(String entityType, Long id) {
        if (id == null) {
            return false;
        }
        return "leads".equals(entityType) ? leads.find(id).isPresent() : contacts.find(id).isPresent();
    }
}
