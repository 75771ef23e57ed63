package com.solarprime.integration.sandbox.store;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import com.solarprime.integration.sandbox.SandboxJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnSandbox
public class ContactStore {

    public static final Set<String> ORDER_FIELDS = Set.of("id", "created_at", "updated_at");
    /** Fewer digits than this are not treated as a phone search. */
    private static final int MIN_PHONE_DIGITS = 5;
    /** A stored number this long may match the tail of a query written with a country code. */
    private static final int MIN_SUFFIX_DIGITS = 8;
    private static final String SELECT = "SELECT c.*, c.custom_fields_values::text AS cfv, c.tags::text AS tag_list,"
            + " (SELECT min(t.complete_till) FROM kommo_sandbox.task t"
            + "   WHERE t.entity_type = 'contacts' AND t.entity_id = c.id AND NOT t.is_completed) AS closest_task_at"
            + " FROM kommo_sandbox.contact c";

    private final SandboxDatabase db;

    public ContactStore(SandboxDatabase db) {
        this.db = db;
    }

    public Optional<Contact> find(long id) {
        return db.jdbc().sql(SELECT + " WHERE c.id = :id").param("id", id).query(ContactStore::map).optional();
    }

    public Optional<Contact> lock(long id) {
        return db.jdbc().sql(SELECT + " WHERE c.id = :id FOR UPDATE OF c").param("id", id).query(ContactStore::map).optional();
    }

    public List<Contact> findAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.jdbc().sql(SELECT + " WHERE c.id IN (:ids) ORDER BY c.id").param("ids", ids)
                .query(ContactStore::map).list();
    }

    /**
     * {@code query} matches the name or an e-mail as text, and a phone by its digits: either contains the
     * other, so {@code +55 81 99999-1234}, {@code 81999991234} and {@code 5581999991234} find each other.
     */
    public Slice<Contact> query(ContactQuery q, PageRequest page) {
        Where where = new Where()
                .in("c.id", q.ids())
                .in("c.responsible_user_id", q.responsibleUserIds())
                .range("c.created_at", q.createdAt())
                .range("c.updated_at", q.updatedAt());
        if (q.query() != null) {
            String digits = q.query().replaceAll("\\D", "");
            if (digits.length() >= MIN_PHONE_DIGITS && digits.length() * 2 >= q.query().strip().length()) {
                where.and("(c.search_text LIKE ? OR EXISTS (SELECT 1 FROM unnest(c.phone_digits) p"
                                + " WHERE p LIKE ? OR (length(p) >= " + MIN_SUFFIX_DIGITS + " AND ? LIKE '%' || p)))",
                        Where.likeContains(q.query().toLowerCase()), Where.likeContains(digits), digits);
            } else {
                where.and("c.search_text LIKE ?", Where.likeContains(q.query().toLowerCase()));
            }
        }
        if (where.matchesNothing()) {
            return new Slice<>(List.of(), false);
        }
        JdbcClient.StatementSpec sql = db.jdbc().sql(SELECT + where.sql() + q.order().sql("c.")
                + " LIMIT " + page.fetchSize() + " OFFSET " + page.offset());
        return page.slice(where.bind(sql).query(ContactStore::map).list());
    }

    public void insert(Contact contact, String searchText, List<String> phoneDigits) {
        bind(db.jdbc().sql("INSERT INTO kommo_sandbox.contact (id, name, first_name, last_name, responsible_user_id,"
                        + " created_by, updated_by, created_at, updated_at, custom_fields_values, tags, search_text,"
                        + " phone_digits) VALUES (:id, :name, :first, :last, :responsible, :createdBy, :updatedBy,"
                        + " :createdAt, :updatedAt, :cfv::jsonb, :tags::jsonb, :search, string_to_array(:phones, ','))"),
                contact, searchText, phoneDigits).update();
    }

    public void update(Contact contact, String searchText, List<String> phoneDigits) {
        bind(db.jdbc().sql("UPDATE kommo_sandbox.contact SET name = :name, first_name = :first, last_name = :last,"
                        + " responsible_user_id = :responsible, created_by = :createdBy, updated_by = :updatedBy,"
                        + " created_at = :createdAt, updated_at = :updatedAt, custom_fields_values = :cfv::jsonb,"
                        + " tags = :tags::jsonb, search_text = :search, phone_digits = string_to_array(:phones, ',')"
                        + " WHERE id = :id"),
                contact, searchText, phoneDigits).update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Contact c, String searchText,
                                                 List<String> phoneDigits) {
        return sql.param("id", c.id()).param("name", c.name()).param("first", c.firstName()).param("last", c.lastName())
                .param("responsible", c.responsibleUserId()).param("createdBy", c.createdBy())
                .param("updatedBy", c.updatedBy()).param("createdAt", c.createdAt()).param("updatedAt", c.updatedAt())
                .param("cfv", SandboxJson.write(c.customFieldsValues())).param("tags", SandboxJson.write(c.tags()))
                .param("search", searchText).param("phones", String.join(",", phoneDigits));
    }

    private static Contact map(ResultSet rs, int row) throws SQLException {
        return new Contact(rs.getLong("id"), rs.getString("name"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getLong("responsible_user_id"), rs.getLong("created_by"), rs.getLong("updated_by"),
                rs.getLong("created_at"), rs.getLong("updated_at"), Rows.array(rs, "cfv"), Rows.tags(rs, "tag_list"),
                Rows.nullableLong(rs, "closest_task_at"));
    }
}
