package com.solarprime.integration.kommo;

import com.solarprime.integration.shared.SharedRate;
import org.springframework.stereotype.Component;

/** Kommo's request budget, shared by every instance: Kommo blocks accounts that keep exceeding 7 requests/s. */
@Component("kommoThrottle")
public class KommoThrottle {

    private final SharedRate rate;
    private final double perSecond;
    private final KommoMetrics metrics;

    public KommoThrottle(SharedRate rate, KommoGatewayProperties gateway, KommoMetrics metrics) {
        this.rate = rate;
        this.perSecond = gateway.requestsPerSecond();
        this.metrics = metrics;
    }

    public void acquire() throws InterruptedException {
        metrics.throttleWait(rate.acquire("kommo", perSecond));
    }
}
