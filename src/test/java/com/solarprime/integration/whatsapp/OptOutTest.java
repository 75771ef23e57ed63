package com.solarprime.integration.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.qualification.ApplicationDefaults;
import com.solarprime.integration.shared.TextTemplate;
import com.solarprime.integration.whatsapp.OptOut.Intent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class OptOutTest {

    private final OptOut optOut = new OptOut(ApplicationDefaults.bind("solarprime.whatsapp.opt-out", OptOutProperties.class));

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
            "SAIR                       | OPT_OUT",
            "sair                       | OPT_OUT",
            "Saír                       | OPT_OUT",
            "Sair.                      | OPT_OUT",
            "PARAR!                     | OPT_OUT",
            "parar!                     | OPT_OUT",
            "stop                       | OPT_OUT",
            "'  Cancelar  '             | OPT_OUT",
            "descadastrar               | OPT_OUT",
            "REMOVER!!!                 | OPT_OUT",
            "'sair 🙏'                  | OPT_OUT",
            "VOLTAR                     | RESUME",
            "voltar.                    | RESUME",
            "não quero parar agora      | NONE",
            "pode parar de mandar?      | NONE",
            "sair daqui                 | NONE",
            "sairia                     | NONE",
            "''                         | NONE",
            "...                        | NONE",
            "Oi, quero voltar a conversar | NONE"
    })
    void recognisesAMessageThatIsOnlyAKeyword(String text, Intent intent) {
        assertThat(optOut.classify(text)).isEqualTo(intent);
        assertThat(optOut.isOptOut(text)).isEqualTo(intent == Intent.OPT_OUT);
        assertThat(optOut.isResume(text)).isEqualTo(intent == Intent.RESUME);
    }

    @ParameterizedTest
    @NullSource
    void noTextIsNoRequest(String text) {
        assertThat(optOut.classify(text)).isEqualTo(Intent.NONE);
    }

    @Test
    void keywordsAreConfigurable() {
        OptOut custom = new OptOut(new OptOutProperties(List.of("Não quero mais"), List.of("Quero de novo")));

        assertThat(custom.classify("nao   QUERO mais!")).isEqualTo(Intent.OPT_OUT);
        assertThat(custom.classify("SAIR")).isEqualTo(Intent.NONE);
        assertThat(custom.classify("quero de novo")).isEqualTo(Intent.RESUME);
    }

    @Test
    void emptyKeywordListsAreRefused() {
        assertThatThrownBy(() -> new OptOutProperties(List.of(), List.of("VOLTAR")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(nullValues = "null", delimiter = '|', value = {
            "templates/opt-out-confirmation.txt | João | Pronto, João! Você não receberá mais mensagens automáticas da SolarPrime.\\nSe quiser voltar a conversar, é só escrever VOLTAR.",
            "templates/opt-out-confirmation.txt | null | Pronto! Você não receberá mais mensagens automáticas da SolarPrime.\\nSe quiser voltar a conversar, é só escrever VOLTAR.",
            "templates/opt-out-resumed.txt      | João | Que bom ter você de volta, João! Voltaremos a falar com você por aqui.\\nSe quiser parar de receber mensagens, é só escrever SAIR."
    })
    void confirmationTemplatesRender(String template, String name, String expected) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", name);
        values.put("resumeKeyword", "VOLTAR");
        values.put("optOutKeyword", "SAIR");

        assertThat(TextTemplate.fromClasspath(template).render(values)).isEqualTo(expected.replace("\\n", "\n"));
    }
}
