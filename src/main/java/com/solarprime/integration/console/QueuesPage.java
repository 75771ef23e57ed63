package com.solarprime.integration.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /ops/queues}: what is waiting, what failed, and how old the oldest of each is. */
@Controller
class QueuesPage {

    private final QueueCounts counts;

    QueuesPage(QueueCounts counts) {
        this.counts = counts;
    }

    @GetMapping("/ops/queues")
    String queues(Model model) {
        model.addAttribute("counts", counts.read());
        return "console/queues";
    }
}
