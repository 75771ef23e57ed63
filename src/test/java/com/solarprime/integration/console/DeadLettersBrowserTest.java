package com.solarprime.integration.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.support.Browser;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.WhatsAppFixtures;
import java.time.Duration;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dead-letters page in a real headless Chromium: a WhatsApp delivery that failed for good is replayed once (a
 * second Replay says it already was, and the delivery is not processed again), a payload re-sent to its route that
 * fails again becomes a new dead letter, a discarded one stays listed with who discarded it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLettersBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProducerTemplate producer;

    Browser browser;

    @BeforeAll
    void openTheBrowserLoggedIn() {
        browser = Browser.open(port);
        browser.logIn("admin", "admin-secret");
        browser.await().until(ExpectedConditions.urlMatches("/ops$"));
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aFailedInboxDeliveryIsReplayedOnceByWhoeverPressedReplay() {
        String phone = WhatsAppFixtures.freshPhone();
        String messageId = WhatsAppFixtures.freshId();
        long inbox = failedDelivery(phone, messageId);
        long deadLetter = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "SELECT id FROM dead_letter WHERE payload_ref = ?").param("inbox:" + inbox)
                .query(Long.class).optional(), java.util.Optional::isPresent).orElseThrow();
        // The operator fixes what made it fail, then replays it.
        jdbc.sql("UPDATE inbox SET payload = ? WHERE id = ?")
                .param(WhatsAppFixtures.evolutionText(phone, messageId, "Quero um orçamento", false))
                .param(inbox).update();

        browser.go("/ops/dead-letters");
        assertThat(browser.find(By.id("dead-letter-" + deadLetter)).getText()).contains("inbox:" + inbox);
        browser.screenshot("dead-letters");
        browser.click(By.cssSelector("#dead-letter-" + deadLetter + " button.replay"));

        assertThat(browser.find(By.id("notice")).getText()).contains("Dead letter " + deadLetter + " replayed");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT status FROM inbox WHERE id = ?")
                .param(inbox).query(String.class).single(), "done"::equals);
        assertThat(jdbc.sql("SELECT replayed_by FROM dead_letter WHERE id = ? AND replayed_at IS NOT NULL")
                .param(deadLetter).query(String.class).single()).isEqualTo("admin");
        assertThat(messagesFrom(phone)).isEqualTo(1);

        // A second press (the page still shows it to another operator): nothing is done again.
        browser.go("/ops/dead-letters?state=ALL");
        assertThat(browser.find(By.id("dead-letter-" + deadLetter)).getText()).contains("Replayed by admin");
        assertThat(browser.driver().findElements(By.cssSelector("#dead-letter-" + deadLetter + " button.replay"))).isEmpty();
        browser.driver().executeScript("const f = document.createElement('form'); f.method = 'post';"
                + "f.action = '/ops/dead-letters/" + deadLetter + "/replay'; document.body.append(f); f.submit();");
        assertThat(browser.find(By.id("notice")).getText())
                .contains("Dead letter " + deadLetter + " was already replayed by admin", "nothing was done again");
        assertThat(jdbc.sql("SELECT attempts FROM inbox WHERE id = ?").param(inbox).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(messagesFrom(phone)).isEqualTo(1);
    }

    @Test
    void aReSentPayloadThatFailsAgainBecomesANewDeadLetterAndTheOldOneStaysReplayed() {
        long deadLetter = boom();

        browser.go("/ops/dead-letters?route=boom-probe");
        browser.click(By.cssSelector("#dead-letter-" + deadLetter + " button.replay"));

        assertThat(browser.find(By.id("notice")).getText())
                .contains("Dead letter " + deadLetter + " replayed, and it failed again");
        long again = jdbc.sql("SELECT id FROM dead_letter WHERE replay_of = ?").param(deadLetter).query(Long.class).single();
        assertThat(browser.find(By.id("dead-letter-" + again)).getText()).contains("replay of " + deadLetter);
        assertThat(jdbc.sql("SELECT replayed_at IS NOT NULL FROM dead_letter WHERE id = ?").param(deadLetter)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void aDiscardedDeadLetterStaysWithWhoDiscardedItAndWhen() {
        long deadLetter = boom();

        browser.go("/ops/dead-letters?route=boom-probe");
        browser.click(By.cssSelector("#dead-letter-" + deadLetter + " button.discard"));

        assertThat(browser.find(By.id("notice")).getText()).contains("Dead letter " + deadLetter + " discarded");
        assertThat(browser.driver().findElements(By.id("dead-letter-" + deadLetter))).isEmpty();
        browser.go("/ops/dead-letters?state=DISCARDED");
        assertThat(browser.find(By.id("dead-letter-" + deadLetter)).getText()).contains("Discarded by admin on ");
        assertThat(jdbc.sql("SELECT discarded_by FROM dead_letter WHERE id = ? AND discarded_at IS NOT NULL "
                + "AND replayed_at IS NULL").param(deadLetter).query(String.class).single()).isEqualTo("admin");
    }

    /**
     * A WhatsApp delivery on its last attempt whose text carries a NUL character, which PostgreSQL refuses to store:
     * the processing fails, the worker gives up on it and dead-letters it.
     */
    private long failedDelivery(String phone, String messageId) {
        return jdbc.sql("""
                        INSERT INTO inbox (source, dedupe_key, content_type, payload, attempts)
                        VALUES ('evolution', ?, 'application/json', ?, 7) RETURNING id""")
                .param("console-test:" + messageId)
                .param(WhatsAppFixtures.evolutionText(phone, messageId, "Quero um or\\u0000çamento", false))
                .query(Long.class).single();
    }

    /** A dead letter of the test route that always fails, received through its direct: endpoint. */
    private long boom() {
        producer.sendBody("direct:boom", "{\"lead\":\"payload\"}".replace("payload", WhatsAppFixtures.freshId()));
        return jdbc.sql("SELECT max(id) FROM dead_letter WHERE route_id = 'boom-probe' AND replay_of IS NULL")
                .query(Long.class).single();
    }

    private int messagesFrom(String phone) {
        return jdbc.sql("SELECT count(*) FROM message m JOIN lead l ON l.id = m.lead_id WHERE l.phone_e164 = ?")
                .param("+" + phone).query(Integer.class).single();
    }
}
