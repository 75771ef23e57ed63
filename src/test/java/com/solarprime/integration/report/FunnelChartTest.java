package com.solarprime.integration.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FunnelChartTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void theChartIsAValidPngOfTheConfiguredSize() throws Exception {
        byte[] png = new FunnelChart(new ReportProperties.Chart(1000, 600), 4).png(Reports.example());

        assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(600);
    }

    @Test
    void anotherSizeIsDrawnAtThatSize() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                new FunnelChart(new ReportProperties.Chart(640, 400), 4).png(Reports.example())));

        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);
    }
}
