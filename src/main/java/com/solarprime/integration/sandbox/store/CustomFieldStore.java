package com.solarprime.integration.sandbox.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import com.solarprime.integration.sandbox.SandboxJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnSandbox
public class CustomFieldStore {

    private static final String SELECT = "SELECT id, entity_type, name, type, code, sort, is_api_only, is_predefined,"
            + " enums::text AS enums FROM kommo_sandbox.custom_field";

    private final SandboxDatabase db;

    public CustomFieldStore(SandboxDatabase db) {
        this.db = db;
    }

    public List<CustomField> all(String entityType) {
        return db.jdbc().sql(SELECT + " WHERE entity_type = :type ORDER BY sort, id")
                .param("type", entityType).query(CustomFieldStore::map).list();
    }

    public Slice<CustomField> page(String entityType, PageRequest page) {
        return page.slice(db.jdbc().sql(SELECT + " WHERE entity_type = :type ORDER BY sort, id LIMIT :limit OFFSET :offset")
                .param("type", entityType).param("limit", page.fetchSize()).param("offset", page.offset())
                .query(CustomFieldStore::map).list());
    }

    public int count(String entityType) {
        return db.jdbc().sql("SELECT count(*) FROM kommo_sandbox.custom_field WHERE entity_type = :type")
                .param("type", entityType).query(Integer.class).single();
    }

    public Optional<CustomField> find(String entityType, long id) {
        return db.jdbc().sql(SELECT + " WHERE entity_type = :type AND id = :id")
                .param("type", entityType).param("id", id).query(CustomFieldStore::map).optional();
    }

    public Optional<CustomField> findByCode(String entityType, String code) {
        return db.jdbc().sql(SELECT + " WHERE entity_type = :type AND code = :code")
                .param("type", entityType).param("code", code).query(CustomFieldStore::map).optional();
    }

    public void insert(CustomField field) {
        db.jdbc().sql("INSERT INTO kommo_sandbox.custom_field"
                        + " (id, entity_type, name, type, code, sort, is_api_only, is_predefined, enums)"
                        + " VALUES (:id, :entity, :name, :type, :code, :sort, :apiOnly, :predefined, :enums::jsonb)")
                .param("id", field.id()).param("entity", field.entityType()).param("name", field.name())
                .param("type", field.type()).param("code", field.code()).param("sort", field.sort())
                .param("apiOnly", field.isApiOnly()).param("predefined", field.isPredefined())
                .param("enums", field.hasEnums() ? SandboxJson.write(field.enums()) : null)
                .update();
    }

    public void update(CustomField field) {
        db.jdbc().sql("UPDATE kommo_sandbox.custom_field SET name = :name, code = :code, sort = :sort,"
                        + " is_api_only = :apiOnly, enums = :enums::jsonb WHERE id = :id")
                .param("id", field.id()).param("name", field.name()).param("code", field.code())
                .param("sort", field.sort()).param("apiOnly", field.isApiOnly())
                .param("enums", field.hasEnums() ? SandboxJson.write(field.enums()) : null)
                .update();
    }

    private static CustomField map(ResultSet rs, int row) throws SQLException {
        List<FieldEnum> enums = new ArrayList<>();
        JsonNode stored = SandboxJson.read(rs.getString("enums"));
        if (stored != null) {
            stored.forEach(e -> enums.add(new FieldEnum(e.get("id").asLong(), e.get("value").asText(), e.get("sort").asInt())));
        }
        return new CustomField(rs.getLong("id"), rs.getString("entity_type"), rs.getString("name"), rs.getString("type"),
                rs.getString("code"), rs.getInt("sort"), rs.getBoolean("is_api_only"), rs.getBoolean("is_predefined"),
                enums);
    }
}
