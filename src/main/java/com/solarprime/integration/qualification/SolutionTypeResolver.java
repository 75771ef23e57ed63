package com.solarprime.integration.qualification;

import java.math.BigDecimal;

/** The Kommo solution type for a lead's interest; as in the seed, anything unknown is a small discount. */
public final class SolutionTypeResolver {

    private final BigDecimal discountHighBillAbove;

    public SolutionTypeResolver(BigDecimal discountHighBillAbove) {
        this.discountHighBillAbove = discountHighBillAbove;
    }

    public SolutionType resolve(String solutionInterest, BigDecimal energyBillValue) {
        return SolutionInterest.fromCode(solutionInterest).map(interest -> switch (interest) {
            case OWN_PLANT -> SolutionType.OWN_PLANT;
            case PARTNER_PLANT -> SolutionType.PARTNER_PLANT;
            case INVESTMENT -> SolutionType.INVESTMENT;
            case DISCOUNT_HIGH -> SolutionType.DISCOUNT_HIGH;
            case DISCOUNT_LOW -> SolutionType.DISCOUNT_LOW;
            case DISCOUNT -> energyBillValue != null && energyBillValue.compareTo(discountHighBillAbove) > 0
                    ? SolutionType.DISCOUNT_HIGH
                    : SolutionType.DISCOUNT_LOW;
        }).orElse(SolutionType.DISCOUNT_LOW);
    }
}
