package com.solarprime.integration.whatsapp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Words that stop and resume automated messages (LGPD, WhatsApp policy). Each must be the whole
 * message; case, accents and surrounding punctuation are ignored.
 *
 * @param keywords words that opt the lead out
 * @param resumeKeywords words that opt the lead back in
 */
@ConfigurationProperties("solarprime.whatsapp.opt-out")
public record OptOutProperties(List<String> keywords, List<String> resumeKeywords) {

    public OptOutProperties {
        // Without keywords nobody could ever stop the messages: refuse to start instead.
        if (keywords == null || keywords.isEmpty() || resumeKeywords == null || resumeKeywords.isEmpty()) {
            throw new IllegalArgumentException("solarprime.whatsapp.opt-out needs keywords and resume-keywords");
        }
        keywords = List.copyOf(keywords);
        resumeKeywords = List.copyOf(resumeKeywords);
    }
}
