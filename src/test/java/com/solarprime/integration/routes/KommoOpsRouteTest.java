package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.RouteTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** routes/kommo-ops.camel.yaml: the operator's commands on the Kommo account answer line by line. */
@RouteTest
class KommoOpsRouteTest {

    @Autowired
    CamelContext camel;
    @LocalServerPort
    int port;

    @Test
    void validateChecksTheAccountAndSaysSoLineByLine() {
        NotifyBuilder ran = new NotifyBuilder(camel).fromRoute("ops-kommo-command").whenCompleted(1).create();
        Http http = new Http(port);

        HttpResponse<String> reply = http.send(http.request("/ops/kommo/validate")
                .header("Authorization", Http.ADMIN_AUTH).header(Http.REQUESTED_BY, "ops")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(ran.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("✅").doesNotContain("❌");
    }
}
