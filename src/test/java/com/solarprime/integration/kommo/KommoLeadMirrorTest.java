package com.solarprime.integration.kommo;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.RouteTest;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Kommo lead mirror follows Kommo's lead events: price, stage, origin, dates; a value not sent is kept. */
@RouteTest
class KommoLeadMirrorTest {

    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountMap map;

    @Test
    void leadEventsKeepTheMirror() {
        long field = map.require(AccountMap.FIELD, "lead_source");
        deliver("leads[add][0][id]=555001&leads[add][0][name]=Usina+da+Ana&leads[add][0][price]=45000.50"
                + "&leads[add][0][pipeline_id]=" + map.pipelineId() + "&leads[add][0][status_id]=" + map.statusId("NEW")
                + "&leads[add][0][date_create]=1796000000&leads[add][0][custom_fields][0][id]=" + field
                + "&leads[add][0][custom_fields][0][values][0][value]=Indica%C3%A7%C3%A3o");
        deliver("leads[update][0][id]=555001&leads[update][0][status_id]=142&leads[update][0][closed_at]=1796500000");

        assertThat(jdbc.sql("""
                        SELECT name || '|' || price || '|' || status_id || '|' || lead_source || '|' || extract(epoch FROM created_at)::bigint
                            || '|' || extract(epoch FROM closed_at)::bigint FROM kommo_lead WHERE id = 555001""")
                .query(String.class).single()).isEqualTo("Usina da Ana|45000.50|142|Indicação|1796000000|1796500000");
    }

    private void deliver(String form) {
        producer.sendBodyAndHeaders("direct:kommo-delivery", form, Map.of("inboxContentType",
                "application/x-www-form-urlencoded", "inboxId", 0L));
    }
}
