package com.solarprime.integration.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.support.Browser;
import com.solarprime.integration.support.IntegrationTest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's pages in a real headless Chromium: logging in and out, the overview in sandbox mode, the queues, a
 * lead found by its phone and its timeline, a follow-up cancelled from the calendar, the funnel. Each page is saved as
 * a screenshot in target/screenshots.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolePagesBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountMap map;

    Browser browser;

    @BeforeAll
    void openTheBrowser() {
        browser = Browser.open(port);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void loggedIn() {
        browser.driver().manage().deleteAllCookies();
        browser.logIn("admin", "admin-secret");
        browser.await().until(ExpectedConditions.urlMatches("/ops$"));
    }

    @Test
    void aWrongPasswordIsRefusedTheRightOneLandsOnTheOverviewAndLogoutEndsTheSession() {
        browser.click(By.id("logout"));
        browser.find(By.id("logged-out"));
        browser.go("/ops/queues");
        browser.await().until(ExpectedConditions.urlContains("/ops/login"));

        browser.logIn("admin", "not-the-password");
        assertThat(browser.find(By.id("login-error")).getText()).contains("Wrong user or password");
        browser.go("/ops");
        browser.await().until(ExpectedConditions.urlContains("/ops/login"));

        browser.logIn("admin", "admin-secret");
        browser.await().until(ExpectedConditions.urlMatches("/ops$"));
        assertThat(browser.find(By.id("operator")).getText()).isEqualTo("admin");
        assertThat(browser.driver().manage().getCookieNamed("JSESSIONID").isHttpOnly()).isTrue();
        assertThat(browser.driver().manage().getCookieNamed("JSESSIONID").getSameSite()).isEqualTo("Lax");
    }

    @Test
    void theOverviewShowsSandboxModeAndTheConnectedSandboxAccount() {
        browser.go("/ops");
        assertThat(browser.find(By.id("sandbox-banner")).getText()).contains("Sandbox mode");
        assertThat(browser.find(By.id("mode")).getText()).isEqualTo("sandbox");
        browser.await().until(d -> !browser.find(By.id("kommo-account")).getText().isBlank());
        assertThat(browser.find(By.id("kommo-account")).getText()).contains("Connected: solarprime");
        assertThat(browser.find(By.id("kommo-token")).getText()).startsWith("OAuth").contains("expires");
        assertThat(browser.find(By.id("kommo-circuit")).getText()).containsIgnoringCase("closed");
        assertThat(browser.find(By.id("whatsapp-provider")).getText()).isEqualTo("log");
        assertThat(browser.find(By.id("connect-kommo")).getAttribute("href")).endsWith("/auth/kommo");
        assertThat(browser.find(By.id("health")).getText()).contains("liveness", "readiness");
        assertThat(browser.driver().findElements(By.linkText("WhatsApp simulator"))).hasSize(1);

        browser.click(By.cssSelector("[data-kommo-command=validate]"));
        browser.await().until(ExpectedConditions.attributeToBe(By.id("command-lines"), "data-done", "validate"));
        assertThat(browser.find(By.id("command-lines")).getText()).startsWith("validate: done");
        browser.screenshot("overview");
    }

    @Test
    void theQueuesPageCountsEachQueue() {
        browser.go("/ops/queues");
        assertThat(browser.find(By.id("queues")).getText()).contains("inbox pending", "inbox failed",
                "outbox: lead_update pending", "follow-ups due today").containsIgnoringCase("dead letters");
        browser.screenshot("queues");
    }

    @Test
    void aLeadFoundByPartOfItsPhoneShowsItsWholeTimeline() {
        ConsoleData.Lead lead = new ConsoleData(jdbc, map).lead("Ana Timeline");

        browser.go("/ops/leads");
        browser.find(By.id("q")).sendKeys(lead.phone().substring(lead.phone().length() - 8));
        browser.click(By.cssSelector("#search button[type=submit]"));
        WebElement results = browser.find(By.id("leads"));
        assertThat(results.getText()).contains("Ana Timeline").doesNotContain(lead.phone().substring(4));
        browser.click(results.findElement(By.linkText("Ana Timeline")));

        browser.await().until(ExpectedConditions.urlMatches("/ops/leads/" + lead.id() + "$"));
        assertThat(browser.find(By.id("phone")).getText()).contains(lead.phone().substring(4));
        String timeline = browser.find(By.id("timeline")).getText();
        assertThat(timeline).contains("Oi, quero energia solar", "Qual o valor da sua conta de luz?",
                "Stage Novo Lead → Qualificado", "Follow-up PROPOSAL", "Lembrete da visita técnica", "Meeting, scheduled");
        assertThat(browser.find(By.id("sync-state")).getText()).isEqualTo("pending");
        assertThat(browser.find(By.id("sync-versions")).getText()).contains("3").contains("2");
        assertThat(browser.find(By.id("kommo-link")).getAttribute("href")).contains("/sandbox/kommo");
        browser.screenshot("lead");
    }

    @Test
    void aFollowUpCancelledFromTheCalendarIsCancelledByTheOperatorAndLeavesTheCalendar() {
        ConsoleData.Lead lead = new ConsoleData(jdbc, map).lead("Bruno Calendário");

        browser.go("/ops/follow-ups");
        WebElement row = browser.find(By.id("follow-up-" + lead.followUp()));
        assertThat(row.getText()).contains("Bruno Calendário", "Lembrete da visita técnica")
                .doesNotContain(lead.phone().substring(4));
        browser.screenshot("follow-ups");
        browser.click(row.findElement(By.cssSelector("button.cancel-follow-up")));

        assertThat(browser.find(By.id("notice")).getText()).contains("cancelled");
        assertThat(browser.driver().findElements(By.id("follow-up-" + lead.followUp()))).isEmpty();
        assertThat(browser.driver().findElements(By.id("follow-up-" + lead.automationFollowUp()))).hasSize(1);
        List<String> row2 = jdbc.sql("SELECT status || '|' || cancel_reason FROM follow_up WHERE id = ?")
                .param(lead.followUp()).query(String.class).list();
        assertThat(row2).containsExactly("cancelled|cancelled from the ops console by admin");
    }

    @Test
    void theFunnelComparesThisWeekWithLastWeek() throws Exception {
        browser.go("/ops/funnel");
        assertThat(browser.find(By.id("numbers")).getText()).contains("Leads", "Qualified", "Meeting", "Proposal", "Won")
                .containsPattern("\\d{4}-W\\d{2} \\d{4}-W\\d{2}");
        browser.await().until(d -> (Boolean) browser.driver().executeScript(
                "const i = document.getElementById('chart'); return i.complete && i.naturalWidth > 0;"));
        assertThat(Files.size(browser.screenshot("funnel"))).isPositive();
    }
}
