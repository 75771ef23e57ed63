package com.solarprime.integration.kommo;

import com.solarprime.integration.lead.UserDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The account's ids, resolved by name during provisioning ({@code kommo_account_map}). Every other part
 * of the service asks here; none knows an id in advance.
 */
@Component
public class AccountMap implements UserDirectory {

    public static final String PIPELINE = "pipeline";
    public static final String STATUS = "status";
    public static final String FIELD = "custom_field";
    public static final String ENUM = "enum";
    public static final String TAG = "tag";
    public static final String USER = "user";
    public static final String MAIN_PIPELINE = "main";
    private static final long SNAPSHOT_TTL_NANOS = 5_000_000_000L;
    /** Kommo's system statuses, the same ids in every pipeline. */
    static final long WON_STATUS = 142;
    static final long LOST_STATUS = 143;

    private final JdbcClient jdbc;
    private final KommoAccountProperties account;
    private volatile Snapshot snapshot;

    public AccountMap(JdbcClient jdbc, KommoAccountProperties account) {
        this.jdbc = jdbc;
        this.account = account;
    }

    public Optional<Long> id(String kind, String key) {
        return Optional.ofNullable(snapshot().get(kind + "/" + key));
    }

    /**
     * The whole map, read at most every few seconds: lookups happen per field of every lead written, and the
     * map only changes when provisioning runs (which resets this copy; other instances see it shortly).
     */
    private Map<String, Long> snapshot() {
        Snapshot current = snapshot;
        if (current == null || current.loadedAt() < System.nanoTime() - SNAPSHOT_TTL_NANOS) {
            Map<String, Long> rows = new HashMap<>();
            jdbc.sql("SELECT kind || '/' || key, kommo_id FROM kommo_account_map")
                    .query((rs, n) -> rows.put(rs.getString(1), rs.getLong(2))).list();
            current = new Snapshot(Map.copyOf(rows), System.nanoTime());
            snapshot = current;
        }
        return current.rows();
    }

    private record Snapshot(Map<String, Long> rows, long loadedAt) {
    }

    /** A Kommo user of the account, by e-mail (users are mapped by e-mail during provisioning). */
    @Override
    public Optional<Long> userId(String email) {
        return id(USER, email);
    }

    /** Every user of the account mapped during provisioning, by e-mail, in the order of their ids. */
    public Map<String, Long> users() {
        Map<String, Long> users = new java.util.LinkedHashMap<>();
        snapshot().entrySet().stream().filter(e -> e.getKey().startsWith(USER + "/"))
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> users.put(e.getKey().substring(USER.length() + 1), e.getValue()));
        return users;
    }

    public long require(String kind, String key) {
        return id(kind, key).orElseThrow(() -> new IllegalStateException(
                "Kommo account map has no " + kind + " '" + key + "': run provisioning (POST /ops/kommo/provision)"));
    }

    public long pipelineId() {
        return require(PIPELINE, MAIN_PIPELINE);
    }

    public long statusId(String stageKey) {
        return require(STATUS, stageKey);
    }

    /**
     * The stage key of a status in the given pipeline: none for another pipeline, since Kommo's won and lost statuses
     * (142, 143) exist in every pipeline; without a pipeline, only a status that cannot be another pipeline's.
     */
    public Optional<String> stageKeyOf(Long pipelineId, long statusId) {
        if (pipelineId == null ? statusId == WON_STATUS || statusId == LOST_STATUS : !isOurPipeline(pipelineId)) {
            return Optional.empty();
        }
        return stageKeyOf(statusId);
    }

    public boolean isOurPipeline(long pipelineId) {
        return id(PIPELINE, MAIN_PIPELINE).map(ours -> ours == pipelineId).orElse(false);
    }

    /** The stage key of a Kommo status of our pipeline, if it is one of ours. */
    public Optional<String> stageKeyOf(long statusId) {
        return snapshot().entrySet().stream()
                .filter(e -> e.getKey().startsWith(STATUS + "/") && e.getValue() == statusId)
                .map(e -> e.getKey().substring(STATUS.length() + 1)).findFirst();
    }

    public long fieldId(String fieldKey) {
        return require(FIELD, fieldKey);
    }

    public long enumId(String fieldKey, String option) {
        return require(ENUM, enumKey(fieldKey, option));
    }

    static String enumKey(String fieldKey, String option) {
        return fieldKey + ":" + option;
    }

    /** Stores an id; true when it was new or different. */
    boolean put(String kind, String key, long kommoId) {
        refresh();
        return jdbc.sql("""
                        INSERT INTO kommo_account_map (kind, key, kommo_id) VALUES (:kind, :key, :id)
                        ON CONFLICT (kind, key) DO UPDATE SET kommo_id = :id, resolved_at = now()
                        WHERE kommo_account_map.kommo_id <> :id""")
                .param("kind", kind).param("key", key).param("id", kommoId).update() > 0;
    }

    /** Forgets the copy of the map: the next lookup reads it from the database. */
    public void refresh() {
        snapshot = null;
    }

    /** What provisioning has not resolved yet, read afresh (health, provisioning); empty when lead sync may run. */
    public List<String> missing() {
        refresh();
        return missingFrom(snapshot().keySet());
    }

    private List<String> missingFrom(Set<String> known) {
        List<String> missing = new ArrayList<>();
        if (!known.contains(PIPELINE + "/" + MAIN_PIPELINE)) {
            missing.add("pipeline '" + account.pipelineName() + "'");
        }
        account.stages().stream().filter(s -> !known.contains(STATUS + "/" + s.key()))
                .forEach(s -> missing.add("stage '" + s.name() + "'"));
        for (KommoAccountProperties.CustomField field : account.customFields()) {
            if (!known.contains(FIELD + "/" + field.key())) {
                missing.add("custom field '" + field.name() + "'");
            }
            field.options().stream().filter(o -> !known.contains(ENUM + "/" + enumKey(field.key(), o)))
                    .forEach(o -> missing.add("option '" + o + "' of '" + field.name() + "'"));
        }
        return missing;
    }

    /** Asked on every sync poll: answered from the copy of the map, at most a few seconds old. */
    public boolean isComplete() {
        return missingFrom(snapshot().keySet()).isEmpty();
    }
}
