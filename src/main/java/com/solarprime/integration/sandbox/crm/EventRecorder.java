package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.store.Event;
import com.solarprime.integration.sandbox.store.EventStore;
import com.solarprime.integration.sandbox.store.Lead;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Writes the events Kommo's events API reports for lead changes, whoever made them. */
@Component
@ConditionalOnSandbox
public class EventRecorder {

    private final EventStore events;

    public EventRecorder(EventStore events) {
        this.events = events;
    }

    void record(List<Change> changes) {
        long now = Instant.now().getEpochSecond();
        for (Change change : changes) {
            if (change instanceof Change.LeadAdded added) {
                save("lead_added", added.lead(), now, SandboxJson.array(), status(added.lead()));
            } else if (change instanceof Change.LeadUpdated updated) {
                if (updated.statusChanged()) {
                    save("lead_status_changed", updated.after(), now, status(updated.before()), status(updated.after()));
                }
                if (updated.responsibleChanged()) {
                    save("entity_responsible_changed", updated.after(), now,
                            responsible(updated.before()), responsible(updated.after()));
                }
            } else if (change instanceof Change.LeadDeleted deleted) {
                save("lead_deleted", deleted.lead(), now, status(deleted.lead()), SandboxJson.array());
            }
        }
    }

    private void save(String type, Lead lead, long now, ArrayNode before, ArrayNode after) {
        events.insert(new Event(EventIds.next(), type, "lead", lead.id(), lead.updatedBy(), now, before, after));
    }

    private static ArrayNode status(Lead lead) {
        ArrayNode value = SandboxJson.array();
        value.addObject().putObject("lead_status").put("id", lead.statusId()).put("pipeline_id", lead.pipelineId());
        return value;
    }

    private static ArrayNode responsible(Lead lead) {
        ArrayNode value = SandboxJson.array();
        value.addObject().putObject("responsible_user").put("id", lead.responsibleUserId());
        return value;
    }
}
