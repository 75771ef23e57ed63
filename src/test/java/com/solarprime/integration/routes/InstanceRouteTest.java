package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.shared.work.ServiceInstance;
import com.solarprime.integration.support.RouteTest;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** routes/instance.camel.yaml: every instance checks in, so that the others know it is alive. */
@RouteTest
class InstanceRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ServiceInstance instance;

    @Test
    void theInstanceChecksInOnItsHeartbeat() {
        NotifyBuilder twoBeats = new NotifyBuilder(camel).fromRoute("instance-heartbeat").whenCompleted(2).create();

        assertThat(twoBeats.matches(15, TimeUnit.SECONDS)).isTrue();
        assertThat(jdbc.sql("SELECT now() - heartbeat_at < interval '6 seconds' FROM service_instance WHERE id = ?")
                .param(instance.id()).query(Boolean.class).single()).isTrue();
    }
}
