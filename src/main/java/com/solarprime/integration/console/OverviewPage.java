package com.solarprime.integration.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /ops}: is Kommo connected and well, is WhatsApp sending, is this instance healthy, who did what lately. */
@Controller
class OverviewPage {

    private final ConsoleOverview overview;

    OverviewPage(ConsoleOverview overview) {
        this.overview = overview;
    }

    @GetMapping({"/ops", "/ops/"})
    String overview(Model model) {
        model.addAttribute("overview", overview.read());
        return "console/overview";
    }
}
