package com.solarprime.integration.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The page tests' own tool: a click lands on what it aims at even when the page scrolls smoothly, as Bootstrap's
 * pages do ({@code scroll-behavior: smooth}), where an animated scroll still moves the element while the click is
 * placed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {

    private static final String SMOOTH_PAGE = """
            <html style="scroll-behavior: smooth"><body>
            <div style="height: 4000px">top</div>
            <button id="far" onclick="this.textContent = 'clicked'">far below</button>
            <div style="height: 4000px">bottom</div>
            </body></html>""";

    Browser browser;

    @BeforeAll
    void openTheBrowser() {
        browser = Browser.open(0);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anElementFarDownASmoothlyScrollingPageIsInTheWindowAsSoonAsItIsScrolledTo() {
        browser.driver().get("data:text/html;charset=utf-8," + URLEncoder.encode(SMOOTH_PAGE, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        WebElement far = browser.find(By.id("far"));

        browser.scrollToCentre(far);

        Object inWindow = browser.driver().executeScript("""
                const r = arguments[0].getBoundingClientRect();
                return r.top >= 0 && r.bottom <= window.innerHeight;""", far);
        assertThat(inWindow).isEqualTo(true);
        browser.click(far);
        assertThat(far.getText()).isEqualTo("clicked");
    }
}
