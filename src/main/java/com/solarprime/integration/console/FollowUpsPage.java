package com.solarprime.integration.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /ops/follow-ups}: the calendar of what goes to whom in the coming days, each with Cancel. */
@Controller
class FollowUpsPage {

    private final FollowUpCalendar calendar;

    FollowUpsPage(FollowUpCalendar calendar) {
        this.calendar = calendar;
    }

    @GetMapping("/ops/follow-ups")
    String calendar(@RequestParam(required = false) String notice, @RequestParam(required = false) Long followUp,
                    Model model) {
        model.addAttribute("days", calendar.read());
        model.addAttribute("notice", notice);
        model.addAttribute("followUp", followUp);
        return "console/follow-ups";
    }
}
