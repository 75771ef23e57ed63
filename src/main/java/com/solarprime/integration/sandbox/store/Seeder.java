package com.solarprime.integration.sandbox.store;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What a fresh Kommo account holds: its users, the main pipeline with the incoming, won and lost
 * stages, and the predefined contact fields (PHONE and EMAIL are multitext fields with WORK, MOB, ...).
 * Runs once on an empty schema and again on a full reset.
 */
@Component
@ConditionalOnSandbox
public class Seeder {

    private static final List<String> DATA_TABLES = List.of("lead_contact", "note", "task", "event", "lead", "contact", "tag");
    private static final List<String> ACCOUNT_TABLES = List.of("status", "pipeline", "custom_field", "app_user", "webhook",
            "oauth_code", "oauth_token");

    private final SandboxDatabase db;
    private final Ids ids;
    private final UserStore users;
    private final PipelineStore pipelines;
    private final CustomFieldStore fields;

    public Seeder(SandboxDatabase db, Ids ids, UserStore users, PipelineStore pipelines, CustomFieldStore fields) {
        this.db = db;
        this.ids = ids;
        this.users = users;
        this.pipelines = pipelines;
        this.fields = fields;
        db.inTransaction(() -> {
            lock();
            if (users.all().isEmpty()) {
                seed();
            }
            return null;
        });
    }

    /** Removes leads, contacts, notes, tasks, events and tags; keeps users, pipelines, fields, webhooks and tokens. */
    public void resetData() {
        db.inTransaction(() -> {
            lock();
            truncate(DATA_TABLES);
            return null;
        });
    }

    /** Back to a fresh account: also pipelines, fields, users, webhooks and every issued token. */
    public void resetAll() {
        db.inTransaction(() -> {
            lock();
            truncate(DATA_TABLES);
            truncate(ACCOUNT_TABLES);
            seed();
            return null;
        });
    }

    /** Instances sharing one database must not seed the same account twice. */
    private void lock() {
        db.jdbc().sql("SELECT pg_advisory_xact_lock(hashtext('kommo_sandbox.seed'))").query().singleRow();
    }

    private void truncate(List<String> tables) {
        db.jdbc().sql("TRUNCATE " + String.join(", ", tables.stream().map(t -> "kommo_sandbox." + t).toList()) + " CASCADE")
                .update();
    }

    private void seed() {
        users.insert(new User(ids.next(), "Ana Souza", "ana.souza@solarprime.example", true), 1);
        users.insert(new User(ids.next(), "Bruno Carvalho", "bruno.carvalho@solarprime.example", false), 2);
        users.insert(new User(ids.next(), "Carla Mendes", "carla.mendes@solarprime.example", false), 3);

        long pipelineId = ids.next();
        List<Status> statuses = new ArrayList<>(systemStatuses(pipelineId, ids.next()));
        String[][] stages = {{"Initial contact", "#98cbff"}, {"Discussions", "#fffeb2"}, {"Decision making", "#ffdc7f"},
                {"Contract discussion", "#ff8f92"}};
        for (int i = 0; i < stages.length; i++) {
            statuses.add(new Status(ids.next(), pipelineId, stages[i][0], 20 + 10 * i, stages[i][1], 0, true));
        }
        pipelines.insert(new Pipeline(pipelineId, "Sales pipeline", 1, true, true, false, statuses));

        fields.insert(new CustomField(ids.next(), "contacts", "Position", "text", "POSITION", 2, false, true, List.of()));
        fields.insert(new CustomField(ids.next(), "contacts", "Phone", "multitext", "PHONE", 4, false, true,
                enums("WORK", "WORKDD", "MOB", "FAX", "HOME", "OTHER")));
        fields.insert(new CustomField(ids.next(), "contacts", "Email", "multitext", "EMAIL", 6, false, true,
                enums("WORK", "PRIV", "OTHER")));
    }

    /** The stages every pipeline has: incoming leads (sort 10), won (142) and lost (143). */
    public static List<Status> systemStatuses(long pipelineId, long incomingId) {
        return List.of(
                new Status(incomingId, pipelineId, "Incoming leads", 10, "#c1c1c1", Status.TYPE_INCOMING, false),
                new Status(Status.WON, pipelineId, "Closed - won", 10000, "#CCFF66", 0, false),
                new Status(Status.LOST, pipelineId, "Closed - lost", 11000, "#D5D8DB", 0, false));
    }

    private List<FieldEnum> enums(String... values) {
        List<FieldEnum> enums = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            enums.add(new FieldEnum(ids.next(), values[i], 2 + 2 * i));
        }
        return enums;
    }
}
