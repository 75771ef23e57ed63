package com.solarprime.integration.kommo;

import com.solarprime.integration.shared.RecentCount;
import com.solarprime.integration.shared.SharedRate;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Kommo's request budget, shared by every instance: Kommo blocks accounts that keep exceeding 7 requests/s. */
@Component("kommoThrottle")
public class KommoThrottle {

    private final SharedRate rate;
    private final double perSecond;
    private final KommoMetrics metrics;
    /** Slots this instance took in the last minute, for the ops console (the shared row only knows the next slot). */
    private final RecentCount lastMinute;

    public KommoThrottle(SharedRate rate, KommoGatewayProperties gateway, KommoMetrics metrics, Clock clock) {
        this.rate = rate;
        this.perSecond = gateway.requestsPerSecond();
        this.metrics = metrics;
        this.lastMinute = new RecentCount(Duration.ofMinutes(1), clock);
    }

    public void acquire() throws InterruptedException {
        lastMinute.increment();
        metrics.throttleWait(rate.acquire("kommo", perSecond));
    }

    /** What this instance used of the budget during the last minute. */
    public BudgetUse lastMinute() {
        return new BudgetUse(lastMinute.total(), Math.round(perSecond * lastMinute.window().toSeconds()), perSecond);
    }

    /**
     * @param requests slots this instance took during the last minute
     * @param budget the slots the whole budget has in a minute, shared by every instance
     */
    public record BudgetUse(long requests, long budget, double perSecond) {

        public double fraction() {
            return budget == 0 ? 0 : (double) requests / budget;
        }
    }
}
