package com.solarprime.integration.qualification;

import com.solarprime.integration.qualification.QualificationProperties.Responsible;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * Who owns a lead in Kommo (seed 5.1): a bill above the threshold goes to the high-value user, an
 * investment lead to the investment user, every other lead to the default user.
 */
public final class ResponsibleUserRule {

    public enum Role { HIGH_VALUE, INVESTMENT, DEFAULT }

    /**
     * @param role the role whose user owns the lead; {@code DEFAULT} also when the chosen role has no
     *             user configured
     * @param user that role's configured user; null when none is configured, leaving Kommo's own default
     */
    public record Assignment(Role role, KommoUserRef user) {
    }

    private final BigDecimal highValueBillAbove;
    private final Map<Role, KommoUserRef> users = new EnumMap<>(Role.class);

    /** Fails on a configured user that is neither an id nor an e-mail, so a typo stops the start-up. */
    public ResponsibleUserRule(Responsible config) {
        this.highValueBillAbove = config.highValueBillAbove();
        KommoUserRef.parse(config.highValueUser()).ifPresent(user -> users.put(Role.HIGH_VALUE, user));
        KommoUserRef.parse(config.investmentUser()).ifPresent(user -> users.put(Role.INVESTMENT, user));
        KommoUserRef.parse(config.defaultUser()).ifPresent(user -> users.put(Role.DEFAULT, user));
    }

    public Assignment assign(BigDecimal energyBillValue, SolutionType solutionType) {
        Role role = Role.DEFAULT;
        if (energyBillValue != null && energyBillValue.compareTo(highValueBillAbove) > 0) {
            role = Role.HIGH_VALUE;
        } else if (solutionType == SolutionType.INVESTMENT) {
            role = Role.INVESTMENT;
        }
        if (!users.containsKey(role)) {
            role = Role.DEFAULT;
        }
        return new Assignment(role, users.get(role));
    }
}
