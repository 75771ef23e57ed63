package com.solarprime.integration.console;

import com.solarprime.integration.followup.FollowUps;
import com.solarprime.integration.shared.ClientError;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The step of the {@code ops-follow-up-cancel} route: the API's cancellation, its reason naming the operator. */
@Component("consoleFollowUps")
public class ConsoleFollowUps {

    private static final Logger log = LoggerFactory.getLogger(ConsoleFollowUps.class);
    /** The console's own pages only ({@code /ops/follow-ups}, {@code /ops/leads/42}): never another site. */
    private static final Pattern CONSOLE_PAGE = Pattern.compile("/ops(/[a-z0-9-]+)*");
    private static final String CALENDAR = "/ops/follow-ups";

    private final FollowUps followUps;

    public ConsoleFollowUps(FollowUps followUps) {
        this.followUps = followUps;
    }

    /** Cancels a pending follow-up; answers the page to go back to ({@code back}, else the calendar), saying how it went. */
    public String cancel(String rawId, String operator, String back) {
        long id;
        try {
            id = Long.parseLong(rawId == null ? "" : rawId.strip());
        } catch (NumberFormatException e) {
            throw new ClientError(400, "the follow-up id must be a number");
        }
        String who = operator == null || operator.isBlank() ? "unknown" : operator;
        boolean cancelled = followUps.cancel(id, "cancelled from the ops console by " + who);
        if (cancelled) {
            log.info("Follow-up {} cancelled from the ops console by {}", id, who);
        }
        String page = back != null && CONSOLE_PAGE.matcher(back).matches() ? back : CALENDAR;
        return page + "?notice=" + (cancelled ? "cancelled" : "not-pending") + "&followUp=" + id;
    }
}
