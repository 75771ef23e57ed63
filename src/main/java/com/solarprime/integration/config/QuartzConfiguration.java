package com.solarprime.integration.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduler camel-quartz schedules its routes' jobs on. Spring's job store on the application's DataSource leaves
 * transactions to its caller: outside one, a job and its trigger commit one after the other and the store's cluster
 * lock ends with the statement that took it. Each call that reads or writes the store therefore runs in a transaction
 * of its own, as the job store expects, so instances starting together on one database see a route's job and trigger
 * whole or not at all.
 */
@Configuration(proxyBeanMethods = false)
public class QuartzConfiguration {

    /** Calls that do not touch the job store: the scheduler's life cycle, listeners and what it is running now. */
    private static final Set<String> OUTSIDE_THE_STORE = Set.of("equals", "hashCode", "toString",
            "getSchedulerName", "getSchedulerInstanceId",
            "getContext", "start", "startDelayed", "isStarted", "standby", "isInStandbyMode", "shutdown", "isShutdown",
            "getMetaData", "getCurrentlyExecutingJobs", "setJobFactory", "getListenerManager", "interrupt");

    /** Named in camel-quartz's settings; anything else that asks for a {@code Scheduler} gets Spring's own. */
    @Bean(autowireCandidate = false)
    Scheduler camelQuartzScheduler(@Qualifier("quartzScheduler") Scheduler scheduler,
                                   PlatformTransactionManager transactions) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        return (Scheduler) Proxy.newProxyInstance(Scheduler.class.getClassLoader(), new Class<?>[] {Scheduler.class},
                (proxy, method, args) -> OUTSIDE_THE_STORE.contains(method.getName())
                        ? invoke(scheduler, method, args)
                        : inTransaction(transaction, scheduler, method, args));
    }

    private static Object inTransaction(TransactionTemplate transaction, Scheduler scheduler, Method method,
                                        Object[] args) throws Throwable {
        try {
            return transaction.execute(status -> {
                try {
                    return invoke(scheduler, method, args);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    // Rolled back like any failure, then thrown as the scheduler threw it.
                    throw new CheckedFailure(e);
                }
            });
        } catch (CheckedFailure e) {
            throw e.getCause();
        }
    }

    private static Object invoke(Scheduler scheduler, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(scheduler, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Throwable cause) {
            super(cause);
        }
    }
}
