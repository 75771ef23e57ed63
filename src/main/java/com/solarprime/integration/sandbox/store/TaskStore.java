package com.solarprime.integration.sandbox.store;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnSandbox
public class TaskStore {

    public static final Set<String> ORDER_FIELDS = Set.of("id", "created_at", "complete_till");
    private static final String SELECT = "SELECT id, text, entity_type, entity_id, responsible_user_id, task_type_id,"
            + " duration, complete_till, is_completed, result_text, created_by, updated_by, created_at, updated_at"
            + " FROM kommo_sandbox.task t";

    private final SandboxDatabase db;

    public TaskStore(SandboxDatabase db) {
        this.db = db;
    }

    public Optional<Task> find(long id) {
        return db.jdbc().sql(SELECT + " WHERE id = :id").param("id", id).query(Task.class).optional();
    }

    public Optional<Task> lock(long id) {
        return db.jdbc().sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(Task.class).optional();
    }

    public Slice<Task> query(TaskQuery q, PageRequest page) {
        Where where = new Where()
                .in("t.id", q.ids())
                .in("t.task_type_id", q.taskTypes())
                .andIf(q.isCompleted() != null, "t.is_completed = ?", q.isCompleted())
                .andIf(q.entityType() != null, "t.entity_type = ?", q.entityType())
                .in("t.entity_id", q.entityIds())
                .in("t.responsible_user_id", q.responsibleUserIds())
                .range("t.updated_at", q.updatedAt())
                .range("t.complete_till", q.completeTill());
        if (where.matchesNothing()) {
            return new Slice<>(List.of(), false);
        }
        return page.slice(where.bind(db.jdbc().sql(SELECT + where.sql() + q.order().sql("t.")
                        + " LIMIT " + page.fetchSize() + " OFFSET " + page.offset()))
                .query(Task.class).list());
    }

    /** Tasks attached to leads, for the sandbox page. */
    public Map<Long, List<Task>> ofLeads(List<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return Map.of();
        }
        return db.jdbc().sql(SELECT + " WHERE entity_type = 'leads' AND entity_id IN (:ids) ORDER BY complete_till, id")
                .param("ids", leadIds).query(Task.class).list().stream()
                .collect(Collectors.groupingBy(Task::entityId));
    }

    public void insert(Task task) {
        bind(db.jdbc().sql("INSERT INTO kommo_sandbox.task (id, text, entity_type, entity_id, responsible_user_id,"
                + " task_type_id, duration, complete_till, is_completed, result_text, created_by, updated_by, created_at,"
                + " updated_at) VALUES (:id, :text, :entityType, :entityId, :responsible, :type, :duration, :till,"
                + " :completed, :result, :createdBy, :updatedBy, :createdAt, :updatedAt)"), task).update();
    }

    public void update(Task task) {
        bind(db.jdbc().sql("UPDATE kommo_sandbox.task SET text = :text, entity_type = :entityType, entity_id = :entityId,"
                + " responsible_user_id = :responsible, task_type_id = :type, duration = :duration,"
                + " complete_till = :till, is_completed = :completed, result_text = :result, created_by = :createdBy,"
                + " updated_by = :updatedBy, created_at = :createdAt, updated_at = :updatedAt WHERE id = :id"), task)
                .update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Task t) {
        return sql.param("id", t.id()).param("text", t.text()).param("entityType", t.entityType())
                .param("entityId", t.entityId()).param("responsible", t.responsibleUserId())
                .param("type", t.taskTypeId()).param("duration", t.duration()).param("till", t.completeTill())
                .param("completed", t.isCompleted()).param("result", t.resultText())
                .param("createdBy", t.createdBy()).param("updatedBy", t.updatedBy())
                .param("createdAt", t.createdAt()).param("updatedAt", t.updatedAt());
    }
}
