package com.solarprime.integration.routes;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.lead.LeadView;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.LeadProfiles;
import com.solarprime.integration.support.RouteTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** routes/qualification.camel.yaml: the agent's profile becomes a scored lead and its Kommo writes, in one commit. */
@RouteTest
class QualificationRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void aProfileIsScoredAndQueuedForKommoTogether() throws Exception {
        // The creation and an update are both queued: the update is dropped without a call when the creation
        // already carried the profile, and sent when the creation was on its way before the profile arrived.
        AdviceWith.adviceWith(camel, "qualification-intake",
                route -> route.weaveByToUri("direct:qualify").after().to("mock:qualified"));
        MockEndpoint qualified = camel.getEndpoint("mock:qualified", MockEndpoint.class);
        qualified.reset();
        qualified.expectedMessageCount(1);
        qualified.message(0).body().isInstanceOf(LeadView.class);
        String phone = freshPhone();

        assertThat(new Http(port).post("/api/leads/qualification", "application/json",
                LeadProfiles.profile(phone, 4500, "usina_propria", "imediato", "value_assessment"),
                "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(200);

        qualified.assertIsSatisfied();
        assertThat(jdbc.sql("""
                        SELECT l.score || ' ' || string_agg(o.kind, ',' ORDER BY o.kind) FROM lead l
                        JOIN kommo_outbox o ON o.lead_id = l.id WHERE l.phone_e164 = ? GROUP BY l.score""")
                .param("+" + phone).query(String.class).single()).isEqualTo("80 lead_create,lead_update,note");
    }
}
