package com.solarprime.integration.sandbox.store;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnSandbox
public class PipelineStore {

    private final SandboxDatabase db;

    public PipelineStore(SandboxDatabase db) {
        this.db = db;
    }

    public List<Pipeline> all() {
        Map<Long, List<Status>> statuses = db.jdbc()
                .sql("SELECT id, pipeline_id, name, sort, color, type, is_editable FROM kommo_sandbox.status"
                        + " ORDER BY sort, id")
                .query(Status.class).list().stream()
                .collect(Collectors.groupingBy(Status::pipelineId));
        return db.jdbc().sql("SELECT id, name, sort, is_main, is_unsorted_on, is_archive FROM kommo_sandbox.pipeline"
                        + " ORDER BY sort, id")
                .query((rs, n) -> new Pipeline(rs.getLong("id"), rs.getString("name"), rs.getInt("sort"),
                        rs.getBoolean("is_main"), rs.getBoolean("is_unsorted_on"), rs.getBoolean("is_archive"),
                        statuses.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    public Optional<Pipeline> find(long id) {
        return all().stream().filter(p -> p.id() == id).findFirst();
    }

    public int count() {
        return db.jdbc().sql("SELECT count(*) FROM kommo_sandbox.pipeline").query(Integer.class).single();
    }

    public void insert(Pipeline pipeline) {
        if (pipeline.isMain()) {
            db.jdbc().sql("UPDATE kommo_sandbox.pipeline SET is_main = false").update();
        }
        db.jdbc().sql("INSERT INTO kommo_sandbox.pipeline (id, name, sort, is_main, is_unsorted_on, is_archive)"
                        + " VALUES (:id, :name, :sort, :main, :unsorted, :archive)")
                .param("id", pipeline.id()).param("name", pipeline.name()).param("sort", pipeline.sort())
                .param("main", pipeline.isMain()).param("unsorted", pipeline.isUnsortedOn())
                .param("archive", pipeline.isArchive())
                .update();
        pipeline.statuses().forEach(this::insert);
    }

    public void insert(Status status) {
        db.jdbc().sql("INSERT INTO kommo_sandbox.status (pipeline_id, id, name, sort, color, type, is_editable)"
                        + " VALUES (:pipeline, :id, :name, :sort, :color, :type, :editable)")
                .param("pipeline", status.pipelineId()).param("id", status.id()).param("name", status.name())
                .param("sort", status.sort()).param("color", status.color()).param("type", status.type())
                .param("editable", status.isEditable())
                .update();
    }
}
