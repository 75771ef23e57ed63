package com.solarprime.integration.console;

import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /ops/dead-letters}: what failed after its retries and why, where a replay would send it; Replay and Discard
 * post to the {@code dead-letters} routes, which come back here with a notice.
 */
@Controller
class DeadLettersPage {

    private final DeadLetterQuery deadLetters;

    DeadLettersPage(DeadLetterQuery deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/ops/dead-letters")
    String deadLetters(@RequestParam(required = false) String route,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                       @RequestParam(defaultValue = "OPEN") DeadLetterQuery.State state,
                       @RequestParam(defaultValue = "1") int page,
                       @RequestParam(required = false) String notice,
                       @RequestParam(required = false) Long id,
                       Model model) {
        model.addAttribute("page", deadLetters.read(new DeadLetterQuery.Filter(route, from, to, state, page)));
        if (notice != null && id != null) {
            model.addAttribute("notice", notice);
            deadLetters.one(id).ifPresent(row -> model.addAttribute("noticeRow", row));
        }
        return "console/dead-letters";
    }
}
