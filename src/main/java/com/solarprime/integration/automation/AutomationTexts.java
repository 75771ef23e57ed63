package com.solarprime.integration.automation;

import com.solarprime.integration.shared.TextTemplate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/** The Portuguese wording of tasks, notes and alerts, from {@code templates/automation/*.txt}, loaded once. */
final class AutomationTexts {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Map<String, TextTemplate> templates = new HashMap<>();
    private final ZoneId zone;

    AutomationTexts(ZoneId zone) {
        this.zone = zone;
        for (String name : new String[] {
                "qualification-task", "qualification-note", "hot-lead-task", "hot-lead-alert",
                "meeting-preparation-task", "meeting-scheduled-note", "meeting-missing-note", "meeting-past-note",
                "meeting-task", "negotiation-proposal-task", "negotiation-savings-task",
                "proposal-task-1", "proposal-task-2", "proposal-task-3",
                "won-note", "won-task", "lost-note", "lost-task"}) {
            templates.put(name, TextTemplate.fromClasspath("templates/automation/" + name + ".txt"));
        }
    }

    /** A text without placeholders. */
    String text(String name) {
        return render(name, Map.of());
    }

    /** A text with a date and time (local to the business) among its values. */
    String textAt(String name, Instant at, Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(values);
        all.put("date", DATE.format(at.atZone(zone)));
        all.put("time", TIME.format(at.atZone(zone)));
        return render(name, all);
    }

    String render(String name, Map<String, ?> values) {
        TextTemplate template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no automation template " + name);
        }
        return template.render(values);
    }
}
