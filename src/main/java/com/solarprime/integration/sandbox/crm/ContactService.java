package com.solarprime.integration.sandbox.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.store.Contact;
import com.solarprime.integration.sandbox.store.ContactStore;
import com.solarprime.integration.sandbox.store.Ids;
import com.solarprime.integration.sandbox.store.Tag;
import com.solarprime.integration.sandbox.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Creates and updates contacts; also creates the contact embedded in a complex lead. */
@Component
@ConditionalOnSandbox
public class ContactService {

    static final int MAX_BATCH = 250;
    private static final Set<String> WRITABLE = Set.of("name", "first_name", "last_name", "responsible_user_id",
            "created_by", "updated_by", "created_at", "updated_at", "custom_fields_values", "tags_to_add",
            "tags_to_delete", "_embedded", "request_id");
    private static final Set<String> READ_ONLY = Set.of("group_id", "account_id", "is_deleted", "is_unsorted",
            "closest_task_at", "is_main", "_links");
    private static final Set<String> CREATE_FIELDS = Fields.of(WRITABLE, READ_ONLY, "id");
    private static final Set<String> UPDATE_FIELDS = Fields.of(WRITABLE, READ_ONLY, "id");
    private static final Set<String> EMBEDDED = Set.of("tags", "companies", "leads", "customers", "catalog_elements");

    private final CrmWrites writes;
    private final ContactStore contacts;
    private final UserStore users;
    private final Ids ids;
    private final CustomFieldValues customFields;
    private final Tagging tagging;

    public ContactService(CrmWrites writes, ContactStore contacts, UserStore users, Ids ids,
                          CustomFieldValues customFields, Tagging tagging) {
        this.writes = writes;
        this.contacts = contacts;
        this.users = users;
        this.ids = ids;
        this.customFields = customFields;
        this.tagging = tagging;
    }

    public List<Written<Contact>> create(JsonNode body) {
        return writes.write(changes -> {
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_BATCH, violations);
            long now = Instant.now().getEpochSecond();
            long author = users.owner().id();
            List<Written<Contact>> drafts = new ArrayList<>();
            for (EntityInput in : inputs) {
                Contact draft = read(in, null, ids.next(), now, author);
                drafts.add(new Written<>(draft, in.requestId()));
            }
            violations.throwIfAny();
            drafts.forEach(d -> save(d.entity(), true));
            return drafts;
        });
    }

    public List<Written<Contact>> update(JsonNode body) {
        return writes.write(changes -> {
            Violations violations = new Violations();
            List<EntityInput> inputs = EntityInput.batch(body, MAX_BATCH, violations);
            List<Written<Contact>> updated = new ArrayList<>();
            for (EntityInput in : inputs) {
                Long id = in.longValue("id");
                if (id == null) {
                    in.violation(Violation.FIELD_MISSING, "id", "This field is missing.");
                    continue;
                }
                updateRead(in, id).ifPresent(c -> updated.add(new Written<>(c, in.requestId())));
            }
            violations.throwIfAny();
            updated.forEach(w -> save(w.entity(), false));
            return updated;
        });
    }

    public Contact updateOne(long id, JsonNode body) {
        return writes.write(changes -> {
            Violations violations = new Violations();
            EntityInput in = EntityInput.single(body, violations);
            Contact contact = updateRead(in, id).orElse(null);
            violations.throwIfAny();
            save(contact, false);
            return contact;
        });
    }

    private Optional<Contact> updateRead(EntityInput in, long id) {
        Optional<Contact> current = contacts.lock(id);
        if (current.isEmpty()) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, "id", "The value you selected is not a valid choice.");
            return Optional.empty();
        }
        return Optional.of(read(in, current.get(), id, Instant.now().getEpochSecond(), users.owner().id()));
    }

    /** A new contact from the input, validated but not yet saved (the complex endpoint saves it with its lead). */
    Contact read(EntityInput in, Contact current, long id, long now, long author) {
        in.allowOnly(current == null ? CREATE_FIELDS : UPDATE_FIELDS);
        EntityInput embedded = in.child("_embedded");
        if (embedded != null) {
            embedded.allowOnly(EMBEDDED);
        }
        String name = in.text("name");
        String first = in.text("first_name");
        String last = in.text("last_name");
        Long responsible = checkedUser(in, "responsible_user_id", false);
        Long createdBy = checkedUser(in, "created_by", true);
        Long updatedBy = checkedUser(in, "updated_by", true);
        Long createdAt = in.longValue("created_at");
        Long updatedAt = in.longValue("updated_at");
        ArrayNode values = customFields.apply(in, "contacts", current == null ? null : current.customFieldsValues());
        List<Tag> tags = tagging.apply(in, embedded, "contacts", current == null ? List.of() : current.tags());

        String firstName = first != null ? first : current == null ? "" : current.firstName();
        String lastName = last != null ? last : current == null ? "" : current.lastName();
        String fullName = name != null ? name
                : current != null && first == null && last == null ? current.name()
                : (firstName + " " + lastName).trim();
        return new Contact(id, fullName, firstName, lastName,
                responsible != null ? responsible : current != null ? current.responsibleUserId() : author,
                createdBy != null ? createdBy : current != null ? current.createdBy() : author,
                updatedBy != null ? updatedBy : author,
                createdAt != null ? createdAt : current != null ? current.createdAt() : now,
                updatedAt != null ? updatedAt : now,
                values, tags, current == null ? null : current.closestTaskAt());
    }

    void save(Contact contact, boolean isNew) {
        String search = SearchText.of(contact.id(), contact.customFieldsValues(), contact.name(), contact.firstName(),
                contact.lastName());
        List<String> phones = SearchText.phoneDigits(contact.customFieldsValues());
        if (isNew) {
            contacts.insert(contact, search, phones);
        } else {
            contacts.update(contact, search, phones);
        }
    }

    private Long checkedUser(EntityInput in, String field, boolean robotAllowed) {
        Long id = in.longValue(field);
        if (id != null && !(robotAllowed && id == 0) && !users.exists(id)) {
            in.violation(Violation.NOT_SUPPORTED_CHOICE, in.path(field), "The value you selected is not a valid choice.");
            return null;
        }
        return id;
    }
}
