package com.solarprime.integration.sandbox.store;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import com.solarprime.integration.sandbox.SandboxJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnSandbox
public class EventStore {

    private static final String SELECT = "SELECT e.id, e.type, e.entity_type, e.entity_id, e.created_by, e.created_at,"
            + " e.value_before::text AS vb, e.value_after::text AS va FROM kommo_sandbox.event e";

    private final SandboxDatabase db;

    public EventStore(SandboxDatabase db) {
        this.db = db;
    }

    public void insert(Event event) {
        db.jdbc().sql("INSERT INTO kommo_sandbox.event (id, type, entity_type, entity_id, created_by, created_at,"
                        + " value_before, value_after) VALUES (:id, :type, :entityType, :entityId, :createdBy, :createdAt,"
                        + " :before::jsonb, :after::jsonb)")
                .param("id", event.id()).param("type", event.type()).param("entityType", event.entityType())
                .param("entityId", event.entityId()).param("createdBy", event.createdBy())
                .param("createdAt", event.createdAt())
                .param("before", SandboxJson.write(event.valueBefore()))
                .param("after", SandboxJson.write(event.valueAfter()))
                .update();
    }

    public Optional<Event> find(String id) {
        return db.jdbc().sql(SELECT + " WHERE e.id = :id").param("id", id).query(EventStore::map).optional();
    }

    public Slice<Event> query(EventQuery q, PageRequest page) {
        Where where = new Where()
                .in("e.id", q.ids())
                .in("e.type", q.types())
                .in("e.entity_type", q.entityTypes())
                .in("e.entity_id", q.entityIds())
                .in("e.created_by", q.createdBy())
                .range("e.created_at", q.createdAt());
        statusFilter(where, "e.value_after", q.statusesAfter());
        statusFilter(where, "e.value_before", q.statusesBefore());
        if (where.matchesNothing()) {
            return new Slice<>(List.of(), false);
        }
        String dir = q.ascending() ? " ASC" : " DESC";
        return page.slice(where.bind(db.jdbc().sql(SELECT + where.sql() + " ORDER BY e.created_at" + dir + ", e.seq" + dir
                        + " LIMIT " + page.fetchSize() + " OFFSET " + page.offset()))
                .query(EventStore::map).list());
    }

    private static void statusFilter(Where where, String column, List<StatusRef> statuses) {
        if (statuses == null || statuses.isEmpty()) {
            return;
        }
        StringBuilder any = new StringBuilder("(");
        Object[] values = new Object[statuses.size()];
        for (int i = 0; i < statuses.size(); i++) {
            any.append(i == 0 ? "" : " OR ").append(column).append(" @> ?::jsonb");
            values[i] = SandboxJson.write(List.of(Map.of("lead_status",
                    Map.of("id", statuses.get(i).statusId(), "pipeline_id", statuses.get(i).pipelineId()))));
        }
        where.and(any.append(')').toString(), values);
    }

    private static Event map(ResultSet rs, int row) throws SQLException {
        return new Event(rs.getString("id"), rs.getString("type"), rs.getString("entity_type"), rs.getLong("entity_id"),
                rs.getLong("created_by"), rs.getLong("created_at"), SandboxJson.read(rs.getString("vb")),
                SandboxJson.read(rs.getString("va")));
    }
}
