package com.solarprime.integration.followup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Stops pending follow-ups when the lead answers or withdraws consent. */
@Component
public class FollowUpCancellation {

    private final JdbcClient jdbc;

    public FollowUpCancellation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A reply ends the "are you still there?" cadence, not meeting confirmations or reminders. */
    public int onReply(long leadId) {
        return jdbc.sql("""
                        UPDATE follow_up SET status = 'cancelled', cancel_reason = 'lead replied'
                        WHERE lead_id = ? AND status = 'pending' AND type IN ('IMMEDIATE', 'DAILY', 'REENGAGEMENT')""")
                .param(leadId).update();
    }

    public int all(long leadId, String reason) {
        return jdbc.sql("UPDATE follow_up SET status = 'cancelled', cancel_reason = ? "
                + "WHERE lead_id = ? AND status = 'pending'").param(reason).param(leadId).update();
    }
}
