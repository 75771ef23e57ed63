package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.RouteTest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** routes/oauth.camel.yaml: the operator sees whether the Kommo account is connected, and how. */
@RouteTest
class OauthRouteTest {

    @Autowired
    CamelContext camel;
    @LocalServerPort
    int port;

    @Test
    void theStatusSaysTheSandboxAccountIsConnected() {
        NotifyBuilder answered = new NotifyBuilder(camel).fromRoute("oauth-status").whenCompleted(1).create();

        HttpResponse<String> status = new Http(port).get("/auth/status", "Authorization", Http.ADMIN_AUTH);

        assertThat(answered.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"authenticated\":true", "\"mode\":\"sandbox\"");
    }
}
