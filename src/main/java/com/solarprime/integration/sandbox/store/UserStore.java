package com.solarprime.integration.sandbox.store;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxDatabase;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnSandbox
public class UserStore {

    private static final String COLUMNS = "id, name, email, is_admin";

    private final SandboxDatabase db;

    public UserStore(SandboxDatabase db) {
        this.db = db;
    }

    public List<User> all() {
        return db.jdbc().sql("SELECT " + COLUMNS + " FROM kommo_sandbox.app_user ORDER BY sort, id")
                .query(User.class).list();
    }

    public Slice<User> page(PageRequest page) {
        return page.slice(db.jdbc().sql("SELECT " + COLUMNS + " FROM kommo_sandbox.app_user ORDER BY sort, id"
                        + " LIMIT :limit OFFSET :offset")
                .param("limit", page.fetchSize()).param("offset", page.offset())
                .query(User.class).list());
    }

    public boolean exists(long id) {
        return db.jdbc().sql("SELECT count(*) FROM kommo_sandbox.app_user WHERE id = :id")
                .param("id", id).query(Long.class).single() > 0;
    }

    /** The account owner: the user every API token acts as. */
    public User owner() {
        return all().get(0);
    }

    public void insert(User user, int sort) {
        db.jdbc().sql("INSERT INTO kommo_sandbox.app_user (id, name, email, is_admin, sort)"
                        + " VALUES (:id, :name, :email, :admin, :sort)")
                .param("id", user.id()).param("name", user.name()).param("email", user.email())
                .param("admin", user.isAdmin()).param("sort", sort)
                .update();
    }
}
