package com.solarprime.integration.sandbox.store;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnSandbox
public class TagStore {

    private final SandboxDatabase db;
    private final Ids ids;

    public TagStore(SandboxDatabase db, Ids ids) {
        this.db = db;
        this.ids = ids;
    }

    /** The tag of that name (case-insensitive), created on first use as Kommo does. */
    public Tag byName(String entityType, String name) {
        db.jdbc().sql("INSERT INTO kommo_sandbox.tag (id, entity_type, name) VALUES (:id, :type, :name)"
                        + " ON CONFLICT (entity_type, lower(name)) DO NOTHING")
                .param("id", ids.next()).param("type", entityType).param("name", name.trim())
                .update();
        return db.jdbc().sql("SELECT id, name FROM kommo_sandbox.tag WHERE entity_type = :type AND lower(name) = lower(:name)")
                .param("type", entityType).param("name", name.trim())
                .query(Tag.class).single();
    }

    public Optional<Tag> byId(String entityType, long id) {
        return db.jdbc().sql("SELECT id, name FROM kommo_sandbox.tag WHERE entity_type = :type AND id = :id")
                .param("type", entityType).param("id", id)
                .query(Tag.class).optional();
    }

    public Slice<Tag> page(String entityType, String query, PageRequest page) {
        Where where = new Where().and("entity_type = ?", entityType)
                .andIf(query != null, "lower(name) LIKE ?", query == null ? null : Where.likeContains(query.toLowerCase()));
        return page.slice(where.bind(db.jdbc().sql("SELECT id, name FROM kommo_sandbox.tag" + where.sql()
                        + " ORDER BY id LIMIT " + page.fetchSize() + " OFFSET " + page.offset()))
                .query(Tag.class).list());
    }
}
