package com.solarprime.integration.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.Browser;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.WhatsAppFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo a newcomer runs, in a real browser: a person writes as a lead in the simulator, the lead's card appears
 * beside the chat and on the Kommo sandbox page, an opt-out is confirmed in the chat, and the agent's qualification
 * shows on the card. Screenshots of both pages are kept in {@code target/screenshots}.
 */
@IntegrationTest
class WhatsAppSimulatorPageTest {

    static Browser browser;

    @LocalServerPort
    int port;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = Browser.open(port).withBasicAuth("admin", "admin-secret");
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void aChatMakesALeadWhoseCardTheSandboxShowsThenOptsOutAndIsQualified() {
        String phone = WhatsAppFixtures.freshPhone();
        browser.go("/sandbox/whatsapp");
        replace(browser.find(By.id("phone")), phone);
        replace(browser.find(By.id("profile-name")), "Ana Lima");
        browser.click(By.id("use-phone"));
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-subtitle"), "+" + phone));

        write("Oi, quero economizar na conta de luz");

        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#chat-messages .bubble.from-lead:not(.pending)"), "Oi, quero economizar na conta de luz"));
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("card-name"), "Ana Lima - WhatsApp"));
        String kommoId = browser.find(By.id("card-id")).getText();
        assertThat(browser.find(By.id("card-pipeline")).getText()).contains("SolarPrime");

        browser.click(By.id("kommo-link"));
        browser.click(By.xpath("//nav[@id='tabs']/button[text()='SolarPrime']"));
        WebElement card = browser.find(By.xpath("//div[contains(@class,'card')][div[@class='price' and starts-with(., '#"
                + kommoId + " ')]]"));
        assertThat(card.getText()).contains("Ana Lima - WhatsApp");
        browser.screenshot("sandbox-kommo");

        browser.click(By.id("simulator-link"));
        browser.await().until(ExpectedConditions.urlContains("/sandbox/whatsapp"));
        browser.go("/sandbox/whatsapp?phone=" + phone);
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-subtitle"), "+" + phone));
        write("PARAR");
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#chat-messages .bubble.from-us"), "não receberá mais mensagens automáticas"));

        replace(browser.find(By.id("q-name")), "Ana Lima");
        replace(browser.find(By.id("q-bill")), "5200");
        new Select(browser.find(By.id("q-solution"))).selectByValue("desconto");
        new Select(browser.find(By.id("q-timeline"))).selectByValue("imediato");
        new Select(browser.find(By.id("q-stage"))).selectByValue("competitor_analysis");
        browser.click(By.id("qualify-submit"));

        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("qualify-result"), "Qualified"));
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("card-stage"), "Qualificado"));
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("card-tags"), "Alto Valor"));
        assertThat(browser.find(By.id("card-tags")).getText()).contains("Opt-out");
        browser.driver().executeScript("window.scrollTo(0, 0)");
        browser.screenshot("simulator");
    }

    private static void write(String text) {
        replace(browser.find(By.id("chat-text")), text);
        browser.click(By.id("chat-send"));
    }

    private static void replace(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }
}
