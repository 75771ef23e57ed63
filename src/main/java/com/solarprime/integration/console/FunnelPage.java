package com.solarprime.integration.console;

import com.solarprime.integration.report.IsoWeek;
import com.solarprime.integration.report.WeeklyReport;
import com.solarprime.integration.report.WeeklyReports;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /ops/funnel}: this week so far against last week, with the weekly report's numbers (computed the same way,
 * from the stored history) and its chart.
 */
@Controller
class FunnelPage {

    private final WeeklyReports reports;

    FunnelPage(WeeklyReports reports) {
        this.reports = reports;
    }

    @GetMapping("/ops/funnel")
    String funnel(Model model) {
        IsoWeek lastWeek = reports.lastEndedWeek();
        model.addAttribute("current", reports.compute(thisWeek(lastWeek)));
        model.addAttribute("previous", reports.compute(lastWeek));
        return "console/funnel";
    }

    /** The report's funnel chart of this week so far (its cohort against last week's). */
    @GetMapping("/ops/funnel/chart.png")
    ResponseEntity<byte[]> chart() {
        WeeklyReport report = reports.compute(thisWeek(reports.lastEndedWeek()));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(reports.chart(report));
    }

    private static IsoWeek thisWeek(IsoWeek lastWeek) {
        return IsoWeek.of(lastWeek.monday().plusWeeks(1));
    }
}
