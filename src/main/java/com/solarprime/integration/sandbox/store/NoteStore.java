package com.solarprime.integration.sandbox.store;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import com.solarprime.integration.sandbox.SandboxJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnSandbox
public class NoteStore {

    public static final Set<String> ORDER_FIELDS = Set.of("id", "updated_at", "created_at");
    private static final String SELECT = "SELECT n.*, n.params::text AS params_json FROM kommo_sandbox.note n";

    private final SandboxDatabase db;

    public NoteStore(SandboxDatabase db) {
        this.db = db;
    }

    public Optional<Note> find(String entityType, long id) {
        return db.jdbc().sql(SELECT + " WHERE n.entity_type = :type AND n.id = :id")
                .param("type", entityType).param("id", id).query(NoteStore::map).optional();
    }

    public Slice<Note> query(NoteQuery q, PageRequest page) {
        Where where = new Where().and("n.entity_type = ?", q.entityType())
                .in("n.entity_id", q.entityIds())
                .in("n.id", q.ids())
                .in("n.note_type", q.noteTypes())
                .range("n.updated_at", q.updatedAt());
        if (where.matchesNothing()) {
            return new Slice<>(List.of(), false);
        }
        return page.slice(where.bind(db.jdbc().sql(SELECT + where.sql() + q.order().sql("n.")
                        + " LIMIT " + page.fetchSize() + " OFFSET " + page.offset()))
                .query(NoteStore::map).list());
    }

    /** Notes of leads, newest first, for the sandbox page. */
    public Map<Long, List<Note>> ofLeads(List<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return Map.of();
        }
        return db.jdbc().sql(SELECT + " WHERE n.entity_type = 'leads' AND n.entity_id IN (:ids) ORDER BY n.id DESC")
                .param("ids", leadIds).query(NoteStore::map).list().stream()
                .collect(Collectors.groupingBy(Note::entityId));
    }

    public void insert(Note note) {
        db.jdbc().sql("INSERT INTO kommo_sandbox.note (id, entity_type, entity_id, note_type, params,"
                        + " responsible_user_id, created_by, updated_by, created_at, updated_at) VALUES (:id, :type,"
                        + " :entity, :noteType, :params::jsonb, :responsible, :createdBy, :updatedBy, :createdAt, :updatedAt)")
                .param("id", note.id()).param("type", note.entityType()).param("entity", note.entityId())
                .param("noteType", note.noteType()).param("params", SandboxJson.write(note.params()))
                .param("responsible", note.responsibleUserId()).param("createdBy", note.createdBy())
                .param("updatedBy", note.updatedBy()).param("createdAt", note.createdAt())
                .param("updatedAt", note.updatedAt())
                .update();
    }

    private static Note map(ResultSet rs, int row) throws SQLException {
        return new Note(rs.getLong("id"), rs.getString("entity_type"), rs.getLong("entity_id"), rs.getString("note_type"),
                Rows.object(rs, "params_json"), rs.getLong("responsible_user_id"), rs.getLong("created_by"),
                rs.getLong("updated_by"), rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
