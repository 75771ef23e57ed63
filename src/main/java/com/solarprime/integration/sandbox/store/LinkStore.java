package com.solarprime.integration.sandbox.store;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Links between leads and contacts. */
@Component
@ConditionalOnSandbox
public class LinkStore {

    private final SandboxDatabase db;

    public LinkStore(SandboxDatabase db) {
        this.db = db;
    }

    /** Links (or re-links) a contact; a new main contact demotes the previous one. */
    public void link(long leadId, long contactId, boolean main, long at) {
        if (main) {
            db.jdbc().sql("UPDATE kommo_sandbox.lead_contact SET is_main = false WHERE lead_id = :lead")
                    .param("lead", leadId).update();
        }
        boolean first = db.jdbc().sql("SELECT count(*) FROM kommo_sandbox.lead_contact WHERE lead_id = :lead")
                .param("lead", leadId).query(Long.class).single() == 0;
        db.jdbc().sql("INSERT INTO kommo_sandbox.lead_contact (lead_id, contact_id, is_main, linked_at)"
                        + " VALUES (:lead, :contact, :main, :at)"
                        + " ON CONFLICT (lead_id, contact_id) DO UPDATE SET is_main = excluded.is_main OR lead_contact.is_main")
                .param("lead", leadId).param("contact", contactId).param("main", main || first).param("at", at)
                .update();
    }

    public void unlink(long leadId, long contactId) {
        db.jdbc().sql("DELETE FROM kommo_sandbox.lead_contact WHERE lead_id = :lead AND contact_id = :contact")
                .param("lead", leadId).param("contact", contactId).update();
    }

    public Map<Long, List<LeadContact>> contactsOf(Collection<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return Map.of();
        }
        return db.jdbc().sql("SELECT lead_id, contact_id, is_main FROM kommo_sandbox.lead_contact"
                        + " WHERE lead_id IN (:ids) ORDER BY is_main DESC, linked_at, contact_id")
                .param("ids", leadIds).query(LeadContact.class).list().stream()
                .collect(Collectors.groupingBy(LeadContact::leadId));
    }

    public Map<Long, List<LeadContact>> leadsOf(Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return Map.of();
        }
        return db.jdbc().sql("SELECT lc.lead_id, lc.contact_id, lc.is_main FROM kommo_sandbox.lead_contact lc"
                        + " JOIN kommo_sandbox.lead l ON l.id = lc.lead_id AND l.deleted_at IS NULL"
                        + " WHERE lc.contact_id IN (:ids) ORDER BY lc.linked_at, lc.lead_id")
                .param("ids", contactIds).query(LeadContact.class).list().stream()
                .collect(Collectors.groupingBy(LeadContact::contactId));
    }
}
