package com.solarprime.integration.automation;

import com.solarprime.integration.shared.TextTemplate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The Portuguese wording of tasks, notes and alerts: a template of {@code templates/automation/<name>.txt}, or a text
 * the route gives itself, both with the same {@code {placeholders}}.
 */
@Component
public class AutomationTexts {

    private final Map<String, TextTemplate> templates = new ConcurrentHashMap<>();

    /**
     * The words themselves, placeholders left for whoever renders them later (a follow-up's {@code {nome}} is filled
     * in when it is sent).
     */
    public String raw(String template, String text) {
        if (template != null && !template.isBlank()) {
            return TextTemplate.fromClasspath("templates/automation/" + template.strip() + ".txt").source();
        }
        return text;
    }

    /**
     * @param template a template name, or blank when {@code text} is given
     * @param text the route's own text, or blank
     */
    public String render(String template, String text, Map<String, ?> values) {
        if (template != null && !template.isBlank()) {
            return templates.computeIfAbsent(template.strip(),
                    name -> TextTemplate.fromClasspath("templates/automation/" + name + ".txt")).render(values);
        }
        if (text != null && !text.isBlank()) {
            return TextTemplate.of("route text", text).render(values);
        }
        throw new IllegalArgumentException("an automation text needs a template or a text");
    }
}
