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
public class WebhookStore {

    private static final String SELECT = "SELECT id, destination, settings::text AS settings_json, sort, disabled,"
            + " created_by, created_at, updated_at FROM kommo_sandbox.webhook";

    private final SandboxDatabase db;

    public WebhookStore(SandboxDatabase db) {
        this.db = db;
    }

    public List<Webhook> all() {
        return db.jdbc().sql(SELECT + " ORDER BY sort, id").query(WebhookStore::map).list();
    }

    public Optional<Webhook> byDestination(String destination) {
        return db.jdbc().sql(SELECT + " WHERE destination = :d").param("d", destination).query(WebhookStore::map).optional();
    }

    /** Registering a known destination again updates its settings and re-enables it. */
    public void upsert(Webhook webhook) {
        db.jdbc().sql("INSERT INTO kommo_sandbox.webhook (id, destination, settings, sort, disabled, created_by,"
                        + " created_at, updated_at) VALUES (:id, :destination, :settings::jsonb, :sort, false, :createdBy,"
                        + " :createdAt, :updatedAt) ON CONFLICT (destination) DO UPDATE SET settings = excluded.settings,"
                        + " sort = excluded.sort, disabled = false, updated_at = excluded.updated_at")
                .param("id", webhook.id()).param("destination", webhook.destination())
                .param("settings", SandboxJson.write(webhook.settings())).param("sort", webhook.sort())
                .param("createdBy", webhook.createdBy()).param("createdAt", webhook.createdAt())
                .param("updatedAt", webhook.updatedAt())
                .update();
    }

    public int count() {
        return db.jdbc().sql("SELECT count(*) FROM kommo_sandbox.webhook").query(Integer.class).single();
    }

    public boolean delete(String destination) {
        return db.jdbc().sql("DELETE FROM kommo_sandbox.webhook WHERE destination = :d").param("d", destination).update() > 0;
    }

    public void disable(long id) {
        db.jdbc().sql("UPDATE kommo_sandbox.webhook SET disabled = true WHERE id = :id").param("id", id).update();
    }

    private static Webhook map(ResultSet rs, int row) throws SQLException {
        List<String> settings = new ArrayList<>();
        JsonNode stored = SandboxJson.read(rs.getString("settings_json"));
        stored.forEach(s -> settings.add(s.asText()));
        return new Webhook(rs.getLong("id"), rs.getString("destination"), settings, rs.getInt("sort"),
                rs.getBoolean("disabled"), rs.getLong("created_by"), rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
