package com.solarprime.integration.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's login form; Spring Security takes its post ({@code POST /ops/login}) and the logout. */
@Controller
class LoginPage {

    @GetMapping("/ops/login")
    String login() {
        return "console/login";
    }
}
