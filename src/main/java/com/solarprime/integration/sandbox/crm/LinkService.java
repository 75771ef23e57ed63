package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.store.ContactStore;
import com.solarprime.integration.sandbox.store.LeadContact;
import com.solarprime.integration.sandbox.store.LeadStore;
import com.solarprime.integration.sandbox.store.LinkStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code POST /leads/{id}/link} and {@code /unlink}: contacts only (the sandbox has no companies or catalogs). */
@Component
@ConditionalOnSandbox
public class LinkService {

    private static final int MAX_BATCH = 250;
    private static final Set<String> FIELDS = Set.of("to_entity_id", "to_entity_type", "metadata", "request_id");

    private final CrmWrites writes;
    private final LeadStore leads;
    private final ContactStore contacts;
    private final LinkStore links;

    public LinkService(CrmWrites writes, LeadStore leads, ContactStore contacts, LinkStore links) {
        this.writes = writes;
        this.leads = leads;
        this.contacts = contacts;
        this.links = links;
    }

    public List<LeadContact> link(long leadId, JsonNode body) {
        return apply(leadId, body, true);
    }

    public List<LeadContact> unlink(long leadId, JsonNode body) {
        return apply(leadId, body, false);
    }

    private List<LeadContact> apply(long leadId, JsonNode body, boolean link) {
        return writes.write(changes -> {
            if (leads.lock(leadId).isEmpty()) {
                throw KommoProblem.notFound("Lead " + leadId + " not found");
            }
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_BATCH, violations);
            List<LeadContact> result = new ArrayList<>();
            for (EntityInput in : inputs) {
                in.allowOnly(FIELDS);
                Long contactId = in.longValue("to_entity_id");
                String type = in.text("to_entity_type");
                if (contactId == null) {
                    in.violation(Violation.FIELD_MISSING, "to_entity_id", "This field is missing.");
                }
                if (type == null) {
                    in.violation(Violation.FIELD_MISSING, "to_entity_type", "This field is missing.");
                } else if (!"contacts".equals(type)) {
                    in.violation(Violation.NOT_SUPPORTED_CHOICE, "to_entity_type", "The value you selected is not a valid choice.");
                }
                if (contactId != null && contacts.find(contactId).isEmpty()) {
                    in.violation(Violation.NOT_SUPPORTED_CHOICE, "to_entity_id", "The value you selected is not a valid choice.");
                }
                EntityInput metadata = in.child("metadata");
                Boolean main = null;
                if (metadata != null) {
                    metadata.allowOnly(Set.of("main_contact", "is_main", "updated_by"));
                    main = metadata.bool("main_contact");
                }
                if (contactId != null) {
                    result.add(new LeadContact(leadId, contactId, Boolean.TRUE.equals(main)));
                }
            }
            violations.throwIfAny();
            long now = Instant.now().getEpochSecond();
            result.forEach(l -> {
                if (link) {
                    links.link(leadId, l.contactId(), l.isMain(), now);
                } else {
                    links.unlink(leadId, l.contactId());
                }
            });
            return result;
        });
    }
}
