package com.solarprime.integration.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.store.PageRequest;
import com.solarprime.integration.sandbox.store.Slice;
import com.solarprime.integration.sandbox.store.User;
import com.solarprime.integration.sandbox.store.UserStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /account} and {@code GET /users}. */
@RestController
@RequestMapping(SandboxPaths.API)
@ConditionalOnSandbox
public class AccountController {

    /** The account's creation time as reported; fixed per process, like a real account's. */
    private static final long CREATED_AT = Instant.now().getEpochSecond();

    private final SandboxProperties props;
    private final UserStore users;

    public AccountController(SandboxProperties props, UserStore users) {
        this.props = props;
        this.users = users;
    }

    @GetMapping("/account")
    public ResponseEntity<byte[]> account(HttpServletRequest request) {
        Links links = Links.of(request);
        ObjectNode json = SandboxJson.object()
                .put("id", props.account().id())
                .put("name", props.account().name())
                .put("subdomain", props.account().subdomain())
                .put("created_at", CREATED_AT)
                .put("created_by", 0)
                .put("updated_at", CREATED_AT)
                .put("updated_by", 0)
                .put("current_user_id", users.owner().id())
                .put("country", "BR")
                .put("currency", "BRL")
                .put("currency_symbol", "R$")
                .put("customers_mode", "disabled")
                .put("is_unsorted_on", true)
                .put("mobile_feature_version", 0)
                .put("is_loss_reason_enabled", true)
                .put("is_helpbot_enabled", false)
                .put("is_technical_account", false)
                .put("contact_name_display_order", 1);
        json.set("_links", links.self("/account"));
        return Hal.ok(json);
    }

    @GetMapping("/users")
    public ResponseEntity<byte[]> users(HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        PageRequest page = QueryParams.of(request).page();
        Slice<User> slice = users.page(page);
        List<ObjectNode> items = slice.items().stream().map(view::user).toList();
        return Hal.page(request, "users", slice, page, items);
    }

    @GetMapping("/users/{id:\\d+}")
    public ResponseEntity<byte[]> user(@PathVariable long id, HttpServletRequest request) {
        Representations view = new Representations(Links.of(request), props);
        return users.all().stream().filter(u -> u.id() == id).findFirst()
                .map(u -> Hal.ok(view.user(u)))
                .orElseGet(Hal::noContent);
    }
}
