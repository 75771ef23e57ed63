package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.shared.DeadLetters;
import com.solarprime.integration.support.RouteTest;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** routes/error-handling.camel.yaml: the shared route configuration retries, then dead-letters, scrubbed. */
@RouteTest
class ErrorHandlingRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aFailingExchangeIsRetriedThenRecordedWithItsPayloadReferenceAndNoSecret() throws Exception {
        AdviceWith.adviceWith(camel, "dead-letter", route -> route.weaveAddFirst().to("mock:dead-letters"));
        MockEndpoint deadLetters = camel.getEndpoint("mock:dead-letters", MockEndpoint.class);
        deadLetters.reset();
        deadLetters.expectedMessageCount(1);
        deadLetters.expectedHeaderReceived(DeadLetters.PAYLOAD_REF, "probe:1");
        NotifyBuilder handled = new NotifyBuilder(camel).fromRoute("boom-probe").whenDone(1).create();

        producer.asyncSendBody("direct:boom", "{\"lead\":\"payload\"}");

        assertThat(handled.matches(10, TimeUnit.SECONDS)).isTrue();
        deadLetters.assertIsSatisfied();
        assertThat(jdbc.sql("SELECT reason FROM dead_letter WHERE route_id = 'boom-probe' ORDER BY id DESC LIMIT 1")
                .query(String.class).single()).contains("boom", "***1234").doesNotContain("s3cr3t-token");
    }
}
