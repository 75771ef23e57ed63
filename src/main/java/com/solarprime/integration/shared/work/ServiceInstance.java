package com.solarprime.integration.shared.work;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This process among the instances sharing the database. Claims carry its id; it checks in every few seconds
 * ({@code instance-heartbeat} route), and the claims of an instance that stopped checking in are released.
 */
@Component("serviceInstance")
public class ServiceInstance {

    private final JdbcClient jdbc;
    private final String id;
    private final String host;
    private final long pid;

    public ServiceInstance(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.host = hostName();
        this.pid = ProcessHandle.current().pid();
        this.id = host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8);
        heartbeat();
    }

    public String id() {
        return id;
    }

    /** Checks in; also the moment this instance's row is (re)created after a database restart. */
    public void heartbeat() {
        jdbc.sql("""
                        INSERT INTO service_instance (id, host, pid) VALUES (?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()""")
                .params(id, host, pid).update();
    }

    /** A clean stop: the others need not wait for the timeout to know this instance is gone. */
    @PreDestroy
    void leave() {
        try {
            jdbc.sql("DELETE FROM service_instance WHERE id = ?").param(id).update();
        } catch (RuntimeException databaseAlreadyGone) {
            // The timeout will tell the others.
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
