package com.solarprime.integration.qualification;

/**
 * Where a lead is in the sales pipeline, in pipeline order. The names are those of the
 * {@code lead.local_stage} CHECK constraint; each maps to the Kommo status of the same meaning.
 */
public enum LocalStage {
    NEW("Novo Lead"),
    IN_QUALIFICATION("Em Qualificação"),
    QUALIFIED("Qualificado"),
    MEETING_SCHEDULED("Reunião Agendada"),
    MEETING_CONFIRMED("Reunião Confirmada"),
    IN_NEGOTIATION("Em Negociação"),
    PROPOSAL_SENT("Proposta Enviada"),
    WON("Fechado/Ganho"),
    LOST("Fechado/Perdido");

    private final String kommoName;

    LocalStage(String kommoName) {
        this.kommoName = kommoName;
    }

    /**
     * The Kommo status name, resolved to the account's status id. WON and LOST are Kommo's system
     * statuses (142 and 143), which an account may have renamed.
     */
    public String kommoName() {
        return kommoName;
    }

    /** 1-based position in the pipeline. */
    public int order() {
        return ordinal() + 1;
    }

    public boolean isAfter(LocalStage other) {
        return ordinal() > other.ordinal();
    }

    /**
     * Before a meeting was scheduled: the stages where the automation may still chase a silent lead, and give it up.
     * From Reunião Agendada on, a salesperson owns the deal.
     */
    public boolean isBeforeTheMeeting() {
        return ordinal() < MEETING_SCHEDULED.ordinal();
    }
}
