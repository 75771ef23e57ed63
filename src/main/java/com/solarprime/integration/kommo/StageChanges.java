package com.solarprime.integration.kommo;

/** Identity of one stage change, the same whoever reports it (our sync, a webhook, the events API). */
public final class StageChanges {

    private StageChanges() {
    }

    /**
     * @param updatedAt Kommo's {@code updated_at} of the lead right after the change (Unix seconds): it tells a
     *                  change apart from a later identical move of the same lead
     */
    public static String key(long kommoLeadId, long fromStatus, long toStatus, long updatedAt) {
        return kommoLeadId + ":" + fromStatus + ">" + toStatus + "@" + updatedAt;
    }
}
