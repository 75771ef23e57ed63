package com.solarprime.integration.sandbox.store;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import com.solarprime.integration.sandbox.SandboxJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnSandbox
public class LeadStore {

    public static final Set<String> ORDER_FIELDS = Set.of("id", "created_at", "updated_at");
    private static final String SELECT = "SELECT l.*, l.custom_fields_values::text AS cfv, l.tags::text AS tag_list,"
            + " (SELECT min(t.complete_till) FROM kommo_sandbox.task t"
            + "   WHERE t.entity_type = 'leads' AND t.entity_id = l.id AND NOT t.is_completed) AS closest_task_at"
            + " FROM kommo_sandbox.lead l";

    private final SandboxDatabase db;

    public LeadStore(SandboxDatabase db) {
        this.db = db;
    }

    public Optional<Lead> find(long id) {
        return db.jdbc().sql(SELECT + " WHERE l.id = :id AND l.deleted_at IS NULL")
                .param("id", id).query(LeadStore::map).optional();
    }

    /** For update: locks the row so concurrent PATCHes of one lead apply one after the other. */
    public Optional<Lead> lock(long id) {
        return db.jdbc().sql(SELECT + " WHERE l.id = :id AND l.deleted_at IS NULL FOR UPDATE OF l")
                .param("id", id).query(LeadStore::map).optional();
    }

    public Slice<Lead> query(LeadQuery q, PageRequest page) {
        Where where = new Where()
                .and(q.onlyDeleted() ? "l.deleted_at IS NOT NULL" : "l.deleted_at IS NULL")
                .in("l.id", q.ids())
                .in("l.pipeline_id", q.pipelineIds())
                .in("l.responsible_user_id", q.responsibleUserIds())
                .range("l.created_at", q.createdAt())
                .range("l.updated_at", q.updatedAt())
                .range("l.closed_at", q.closedAt());
        if (q.query() != null) {
            where.and("l.search_text LIKE ?", Where.likeContains(q.query().toLowerCase()));
        }
        if (q.statuses() != null && !q.statuses().isEmpty()) {
            StringBuilder any = new StringBuilder("(");
            Object[] values = new Object[q.statuses().size() * 2];
            for (int i = 0; i < q.statuses().size(); i++) {
                any.append(i == 0 ? "" : " OR ").append("(l.pipeline_id = ? AND l.status_id = ?)");
                values[2 * i] = q.statuses().get(i).pipelineId();
                values[2 * i + 1] = q.statuses().get(i).statusId();
            }
            where.and(any.append(')').toString(), values);
        }
        if (where.matchesNothing()) {
            return new Slice<>(List.of(), false);
        }
        JdbcClient.StatementSpec sql = db.jdbc().sql(SELECT + where.sql() + q.order().sql("l.")
                + " LIMIT " + page.fetchSize() + " OFFSET " + page.offset());
        return page.slice(where.bind(sql).query(LeadStore::map).list());
    }

    /** Open leads of one stage, for the sandbox page. */
    public List<Lead> inStatus(long pipelineId, long statusId, int max) {
        return db.jdbc().sql(SELECT + " WHERE l.deleted_at IS NULL AND l.pipeline_id = :p AND l.status_id = :s"
                        + " ORDER BY l.updated_at DESC, l.id DESC LIMIT :max")
                .param("p", pipelineId).param("s", statusId).param("max", max)
                .query(LeadStore::map).list();
    }

    public void insert(Lead lead, String searchText) {
        bind(db.jdbc().sql("INSERT INTO kommo_sandbox.lead (id, name, price, responsible_user_id, pipeline_id, status_id,"
                        + " loss_reason_id, created_by, updated_by, created_at, updated_at, closed_at,"
                        + " custom_fields_values, tags, search_text) VALUES (:id, :name, :price, :responsible, :pipeline,"
                        + " :status, :lossReason, :createdBy, :updatedBy, :createdAt, :updatedAt, :closedAt,"
                        + " :cfv::jsonb, :tags::jsonb, :search)"), lead, searchText)
                .update();
    }

    public void update(Lead lead, String searchText) {
        bind(db.jdbc().sql("UPDATE kommo_sandbox.lead SET name = :name, price = :price, responsible_user_id = :responsible,"
                        + " pipeline_id = :pipeline, status_id = :status, loss_reason_id = :lossReason,"
                        + " created_by = :createdBy, updated_by = :updatedBy, created_at = :createdAt,"
                        + " updated_at = :updatedAt, closed_at = :closedAt, custom_fields_values = :cfv::jsonb,"
                        + " tags = :tags::jsonb, search_text = :search WHERE id = :id"), lead, searchText)
                .update();
    }

    public void markDeleted(long id, long at) {
        db.jdbc().sql("UPDATE kommo_sandbox.lead SET deleted_at = :at, updated_at = :at WHERE id = :id")
                .param("id", id).param("at", at).update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Lead lead, String searchText) {
        return sql.param("id", lead.id()).param("name", lead.name()).param("price", lead.price())
                .param("responsible", lead.responsibleUserId()).param("pipeline", lead.pipelineId())
                .param("status", lead.statusId()).param("lossReason", lead.lossReasonId())
                .param("createdBy", lead.createdBy()).param("updatedBy", lead.updatedBy())
                .param("createdAt", lead.createdAt()).param("updatedAt", lead.updatedAt())
                .param("closedAt", lead.closedAt())
                .param("cfv", SandboxJson.write(lead.customFieldsValues()))
                .param("tags", SandboxJson.write(lead.tags()))
                .param("search", searchText);
    }

    private static Lead map(ResultSet rs, int row) throws SQLException {
        return new Lead(rs.getLong("id"), rs.getString("name"), rs.getLong("price"), rs.getLong("responsible_user_id"),
                rs.getLong("pipeline_id"), rs.getLong("status_id"), Rows.nullableLong(rs, "loss_reason_id"),
                rs.getLong("created_by"), rs.getLong("updated_by"), rs.getLong("created_at"), rs.getLong("updated_at"),
                Rows.nullableLong(rs, "closed_at"), Rows.array(rs, "cfv"), Rows.tags(rs, "tag_list"),
                Rows.nullableLong(rs, "deleted_at"), Rows.nullableLong(rs, "closest_task_at"));
    }
}
