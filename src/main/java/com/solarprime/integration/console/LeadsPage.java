package com.solarprime.integration.console;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /ops/leads}: find a lead by phone or name; {@code /ops/leads/{id}}: its timeline. The search is posted, so
 * that a phone number typed into it never ends up in a URL (browser history, proxy logs); lead pages go by id.
 */
@Controller
class LeadsPage {

    private final LeadSearch search;
    private final LeadTimeline timeline;

    LeadsPage(LeadSearch search, LeadTimeline timeline) {
        this.search = search;
        this.timeline = timeline;
    }

    @GetMapping("/ops/leads")
    String recent(Model model) {
        model.addAttribute("leads", search.recent());
        return "console/leads";
    }

    @PostMapping("/ops/leads")
    String search(@RequestParam(defaultValue = "") String q, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("leads", search.search(q));
        return "console/leads";
    }

    @GetMapping("/ops/leads/{id}")
    String lead(@PathVariable long id, @RequestParam(required = false) String notice,
                @RequestParam(required = false) Long followUp, Model model) {
        model.addAttribute("lead", timeline.read(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no lead " + id)));
        model.addAttribute("notice", notice);
        model.addAttribute("followUp", followUp);
        return "console/lead";
    }
}
