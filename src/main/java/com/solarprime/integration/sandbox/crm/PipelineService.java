package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import com.solarprime.integration.sandbox.store.Ids;
import com.solarprime.integration.sandbox.store.Pipeline;
import com.solarprime.integration.sandbox.store.PipelineStore;
import com.solarprime.integration.sandbox.store.Seeder;
import com.solarprime.integration.sandbox.store.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Creates pipelines and stages. Every new pipeline gets the incoming-leads stage and 142/143, which
 * can only be renamed (by sending them with their id). Stage colours must come from Kommo's palette.
 */
@Component
@ConditionalOnSandbox
public class PipelineService {

    public static final int MAX_PIPELINES = 50;
    public static final int MAX_STATUSES = 100;
    /** The colours Kommo accepts for a stage (developers.kommo.com, "Available stage colors"). */
    public static final Set<String> COLORS = Set.of("#fffeb2", "#fffd7f", "#fff000", "#ffeab2", "#ffdc7f", "#ffce5a",
            "#ffdbdb", "#ffc8c8", "#ff8f92", "#d6eaff", "#c1e0ff", "#98cbff", "#ebffb1", "#deff81", "#87f2c0",
            "#f9deff", "#f3beff", "#ccc8f9", "#eb93ff", "#f2f3f4", "#e6e8ea");
    private static final String DEFAULT_COLOR = "#98cbff";
    private static final Set<String> PIPELINE_FIELDS = Set.of("name", "sort", "is_main", "is_unsorted_on", "is_archive",
            "_embedded", "request_id", "id", "account_id", "_links");
    private static final Set<String> STATUS_FIELDS = Set.of("id", "name", "sort", "color", "type", "is_editable",
            "request_id", "pipeline_id", "account_id", "descriptions", "_links");

    private final SandboxDatabase db;
    private final PipelineStore pipelines;
    private final Ids ids;

    public PipelineService(SandboxDatabase db, PipelineStore pipelines, Ids ids) {
        this.db = db;
        this.pipelines = pipelines;
        this.ids = ids;
    }

    public List<Written<Pipeline>> create(JsonNode body) {
        return db.inTransaction(() -> {
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_PIPELINES, violations);
            if (pipelines.count() + inputs.size() > MAX_PIPELINES) {
                throw Violations.single(Violation.TOO_MANY, "", "An account has at most " + MAX_PIPELINES + " pipelines.");
            }
            List<Written<Pipeline>> created = new ArrayList<>();
            int sort = pipelines.all().stream().mapToInt(Pipeline::sort).max().orElse(0);
            for (EntityInput in : inputs) {
                in.allowOnly(PIPELINE_FIELDS);
                String name = required(in, "name");
                Integer givenSort = in.intValue("sort");
                Boolean main = in.bool("is_main");
                Boolean unsorted = in.bool("is_unsorted_on");
                Boolean archive = in.bool("is_archive");
                long id = ids.next();
                List<Status> statuses = new ArrayList<>(Seeder.systemStatuses(id, ids.next()));
                EntityInput embedded = in.child("_embedded");
                ArrayNode given = null;
                if (embedded != null) {
                    embedded.allowOnly(Set.of("statuses"));
                    given = embedded.array("statuses");
                }
                if (given != null) {
                    for (int i = 0; i < given.size(); i++) {
                        EntityInput status = embedded.element(given, "statuses", i);
                        if (status != null) {
                            statusFrom(status, id, statuses);
                        }
                    }
                }
                if (statuses.size() > MAX_STATUSES) {
                    in.violation(Violation.TOO_MANY, "_embedded.statuses", "A pipeline has at most " + MAX_STATUSES + " stages.");
                }
                sort = givenSort != null ? givenSort : sort + 1;
                created.add(new Written<>(new Pipeline(id, name, sort, Boolean.TRUE.equals(main),
                        unsorted == null || unsorted, Boolean.TRUE.equals(archive), statuses), in.requestId()));
            }
            violations.throwIfAny();
            created.forEach(w -> pipelines.insert(w.entity()));
            return created.stream().map(w -> new Written<>(pipelines.find(w.entity().id()).orElseThrow(), w.requestId()))
                    .toList();
        });
    }

    public List<Written<Status>> addStatuses(long pipelineId, JsonNode body) {
        return db.inTransaction(() -> {
            Pipeline pipeline = pipelines.find(pipelineId)
                    .orElseThrow(() -> KommoProblem.notFound("Pipeline " + pipelineId + " not found"));
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_STATUSES, violations);
            List<Status> statuses = new ArrayList<>(pipeline.statuses());
            List<Written<Status>> created = new ArrayList<>();
            for (EntityInput in : inputs) {
                if (in.has("id")) {
                    in.violation(Violation.FIELD_NOT_EXPECTED, "id", "This field was not expected.");
                    continue;
                }
                Status status = statusFrom(in, pipelineId, statuses);
                if (status != null) {
                    created.add(new Written<>(status, in.requestId()));
                }
            }
            if (statuses.size() > MAX_STATUSES) {
                throw Violations.single(Violation.TOO_MANY, "", "A pipeline has at most " + MAX_STATUSES + " stages.");
            }
            violations.throwIfAny();
            created.forEach(w -> pipelines.insert(w.entity()));
            return created;
        });
    }

    /**
     * Adds a stage to {@code statuses}, or renames 142/143 when sent with their id. Returns the new
     * stage, or null when the entry only renamed a system stage or failed.
     */
    private Status statusFrom(EntityInput in, long pipelineId, List<Status> statuses) {
        in.allowOnly(STATUS_FIELDS);
        String name = required(in, in.path("name"), in.text("name"));
        Integer sort = in.intValue("sort");
        String color = in.text("color");
        if (color != null && !COLORS.contains(color.toLowerCase(Locale.ROOT))) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, in.path("color"), "The value you selected is not a valid choice.");
        }
        Long id = in.longValue("id");
        if (id != null) {
            Optional<Status> system = statuses.stream().filter(s -> s.id() == id && s.isClosed()).findFirst();
            if (system.isEmpty()) {
                in.violation(Violation.NOT_SUPPORTED_CHOICE, in.path("id"), "The value you selected is not a valid choice.");
                return null;
            }
            Status renamed = new Status(id, pipelineId, name, system.get().sort(), system.get().color(), 0, false);
            statuses.set(statuses.indexOf(system.get()), renamed);
            return null;
        }
        int nextSort = statuses.stream().filter(s -> !s.isClosed()).mapToInt(Status::sort).max().orElse(10) + 10;
        Status status = new Status(ids.next(), pipelineId, name, sort != null ? sort : nextSort,
                color != null ? color.toLowerCase(Locale.ROOT) : DEFAULT_COLOR, 0, true);
        statuses.add(status);
        return status;
    }

    private static String required(EntityInput in, String field) {
        return required(in, in.path(field), in.text(field));
    }

    private static String required(EntityInput in, String path, String value) {
        if (value == null || value.isBlank()) {
            in.violation(Violation.FIELD_MISSING, path, "This field is missing.");
            return "";
        }
        return value;
    }
}
