package com.solarprime.integration.whatsapp;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Recognises a message that is nothing but an opt-out (or resume) keyword. Only the whole message
 * counts: "não quero parar agora" mentions a keyword but asks for nothing.
 */
@Component
public class OptOut {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern EDGES = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    public enum Intent { OPT_OUT, RESUME, NONE }

    private final Set<String> optOutWords;
    private final Set<String> resumeWords;

    public OptOut(OptOutProperties properties) {
        this.optOutWords = normalised(properties.keywords());
        this.resumeWords = normalised(properties.resumeKeywords());
    }

    public Intent classify(String text) {
        if (text == null) {
            return Intent.NONE;
        }
        String word = normalise(text);
        if (optOutWords.contains(word)) {
            return Intent.OPT_OUT;
        }
        return resumeWords.contains(word) ? Intent.RESUME : Intent.NONE;
    }

    public boolean isOptOut(String text) {
        return classify(text) == Intent.OPT_OUT;
    }

    public boolean isResume(String text) {
        return classify(text) == Intent.RESUME;
    }

    private static Set<String> normalised(Collection<String> words) {
        return words.stream().map(OptOut::normalise).filter(w -> !w.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** "  Saír!! " → "sair": accents, case, surrounding punctuation and emoji go; inner spaces collapse. */
    private static String normalise(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        return SPACES.matcher(EDGES.matcher(bare).replaceAll("")).replaceAll(" ");
    }
}
