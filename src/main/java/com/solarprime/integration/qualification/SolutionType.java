package com.solarprime.integration.qualification;

/** The options of Kommo's "Tipo de Solução" select field, named as in the account. */
public enum SolutionType {
    OWN_PLANT("usina_propria", "Usina própria"),
    PARTNER_PLANT("usina_parceira", "Usina parceira"),
    DISCOUNT_HIGH("desconto_alto", "Desconto >R$4000"),
    DISCOUNT_LOW("desconto_baixo", "Desconto <R$4000"),
    INVESTMENT("investimento", "Investimento");

    private final String code;
    private final String kommoName;

    SolutionType(String code, String kommoName) {
        this.code = code;
        this.kommoName = kommoName;
    }

    /** The seed's stable code, e.g. for {@code lead.solution_type}. */
    public String code() {
        return code;
    }

    /** The select option's name, resolved to its {@code enum_id} when writing to Kommo. */
    public String kommoName() {
        return kommoName;
    }
}
