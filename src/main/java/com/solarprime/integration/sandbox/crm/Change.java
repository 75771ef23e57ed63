package com.solarprime.integration.sandbox.crm;

import com.solarprime.integration.sandbox.store.Lead;
import com.solarprime.integration.sandbox.store.Note;
import com.solarprime.integration.sandbox.store.Task;

/** Something that happened to the CRM in one call; it becomes events and webhook deliveries. */
public sealed interface Change {

    record LeadAdded(Lead lead) implements Change {
    }

    record LeadUpdated(Lead before, Lead after) implements Change {

        public boolean statusChanged() {
            return before.statusId() != after.statusId() || before.pipelineId() != after.pipelineId();
        }

        public boolean responsibleChanged() {
            return before.responsibleUserId() != after.responsibleUserId();
        }
    }

    record LeadDeleted(Lead lead) implements Change {
    }

    record NoteAdded(Note note) implements Change {
    }

    record TaskAdded(Task task) implements Change {
    }

    record TaskUpdated(Task task) implements Change {
    }
}
