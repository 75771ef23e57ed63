package com.solarprime.integration.automation;

import com.solarprime.integration.automation.AutomationAction.AddNote;
import com.solarprime.integration.automation.AutomationAction.AlertSalesperson;
import com.solarprime.integration.automation.AutomationAction.CancelFollowUps;
import com.solarprime.integration.automation.AutomationAction.CreateTask;
import com.solarprime.integration.automation.AutomationAction.MoveStage;
import com.solarprime.integration.automation.AutomationAction.ScheduleFollowUp;
import com.solarprime.integration.calendar.BusinessCalendar;
import com.solarprime.integration.followup.FollowUpType;
import com.solarprime.integration.qualification.LocalStage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The computations behind the action vocabulary of the pipeline automation (the kamelets in
 * {@code kamelets/}): each reads its parameters from the exchange properties its kamelet set, computes one
 * {@link AutomationAction} for the lead of the {@link AutomationRun} in the body, and plans it on the run. Nothing
 * is written here; the route's last step commits every planned action with the change.
 */
@Component("stageActions")
public class StageActions {

    /** Exchange properties the kamelets set from their parameters. */
    static final String TEMPLATE = "actionTemplate";
    static final String TEXT = "actionText";
    static final String DUE = "actionDue";
    static final String AT = "actionAt";
    static final String TASK_TYPE = "actionTaskType";
    static final String TYPE = "actionType";
    static final String REASON = "actionReason";
    static final String STAGE = "actionStage";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final DueRules dueRules;
    private final AutomationTexts texts;
    private final ZoneId zone;

    public StageActions(DueRules dueRules, AutomationTexts texts, BusinessCalendar calendar) {
        this.dueRules = dueRules;
        this.texts = texts;
        this.zone = calendar.zone();
    }

    /** {@code kommo-task}: a task on the lead for its responsible user; skipped when its meeting is not ahead. */
    public void task(Exchange exchange) {
        AutomationRun run = run(exchange);
        String due = param(exchange, DUE);
        String taskType = Optional.ofNullable(param(exchange, TASK_TYPE)).orElse("call").toLowerCase(Locale.ROOT);
        int type = switch (taskType) {
            case "call" -> CreateTask.CALL;
            case "meeting" -> CreateTask.MEETING;
            default -> throw new IllegalArgumentException("kommo-task taskType must be call or meeting, not " + taskType);
        };
        String template = param(exchange, TEMPLATE);
        String text = param(exchange, TEXT);
        dueRules.task(DueRule.parse(due), run.event()).ifPresent(dueAt -> run.plan(new CreateTask(
                "task:" + name(template, text) + "@" + due, texts.render(template, text, values(run, null)), dueAt, type,
                run.event().responsibleUserId())));
    }

    /** {@code kommo-note}: a note on the lead. */
    public void note(Exchange exchange) {
        AutomationRun run = run(exchange);
        String template = param(exchange, TEMPLATE);
        String text = param(exchange, TEXT);
        run.plan(new AddNote("note:" + name(template, text), texts.render(template, text, values(run, param(exchange, AT)))));
    }

    /** {@code schedule-follow-up}: a WhatsApp message to our lead (none for a lead only Kommo knows). */
    public void followUp(Exchange exchange) {
        AutomationRun run = run(exchange);
        FollowUpType type = FollowUpType.valueOf(param(exchange, TYPE).strip().toUpperCase(Locale.ROOT));
        String due = param(exchange, DUE);
        String template = param(exchange, TEMPLATE);
        String text = param(exchange, TEXT);
        if (run.event().leadId() == null) {
            return;
        }
        String message = template == null && text == null ? null : texts.raw(template, text);
        String key = "follow-up:" + type + "@" + due + (message == null ? "" : ":" + name(template, text));
        dueRules.followUp(DueRule.parse(due), run.event())
                .ifPresent(dueAt -> run.plan(new ScheduleFollowUp(key, type, dueAt, message)));
    }

    /** {@code alert-salesperson}: a WhatsApp alert to the lead's responsible salesperson (or the sales group). */
    public void alert(Exchange exchange) {
        AutomationRun run = run(exchange);
        String template = param(exchange, TEMPLATE);
        String text = param(exchange, TEXT);
        run.plan(new AlertSalesperson("alert:" + name(template, text), run.event().responsibleUserId(),
                texts.render(template, text, values(run, param(exchange, AT)))));
    }

    /** {@code cancel-follow-ups}: every pending follow-up of our lead. */
    public void cancelFollowUps(Exchange exchange) {
        AutomationRun run = run(exchange);
        String reason = param(exchange, REASON);
        if (run.event().leadId() != null) {
            run.plan(new CancelFollowUps("cancel-follow-ups:" + reason, reason));
        }
    }

    /** {@code move-stage}: the lead to another stage of our pipeline. */
    public void moveStage(Exchange exchange) {
        AutomationRun run = run(exchange);
        LocalStage stage = LocalStage.valueOf(param(exchange, STAGE).strip().toUpperCase(Locale.ROOT));
        run.plan(new MoveStage("move-stage:" + stage, stage));
    }

    /**
     * What a text may say: the lead's name, Kommo id and score, the stage's Kommo name, the date and time of
     * {@code at} (a due rule), and for every follow-up planned so far its type in lower case (e.g.
     * {@code {#meeting_confirmation}...{/meeting_confirmation}}).
     */
    private Map<String, Object> values(AutomationRun run, String at) {
        StageEvent event = run.event();
        Map<String, Object> values = new HashMap<>();
        values.put("name", event.leadName());
        values.put("leadId", event.kommoLeadId());
        values.put("score", event.score());
        values.put("stage", event.stage() == null ? null : event.stage().kommoName());
        if (at != null) {
            dueRules.task(DueRule.parse(at), event).or(() -> Optional.ofNullable(event.meetingAt())).ifPresent(instant -> {
                values.put("date", DATE.format(instant.atZone(zone)));
                values.put("time", TIME.format(instant.atZone(zone)));
            });
        }
        for (FollowUpType type : FollowUpType.values()) {
            boolean planned = run.actions().stream().anyMatch(a -> a instanceof ScheduleFollowUp f && f.type() == type);
            values.put(type.name().toLowerCase(Locale.ROOT), planned ? "yes" : null);
        }
        return values;
    }

    private static AutomationRun run(Exchange exchange) {
        return exchange.getMessage().getBody(AutomationRun.class);
    }

    /** A kamelet parameter; blank (an optional parameter left out) reads as null. */
    private static String param(Exchange exchange, String name) {
        String value = exchange.getProperty(name, String.class);
        exchange.removeProperty(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A readable, stable name for the action's key: the template's name or a fingerprint of the route's text. */
    private static String name(String template, String text) {
        if (template != null) {
            return template;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
            return "text#" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
