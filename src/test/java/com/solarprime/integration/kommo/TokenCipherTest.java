package com.solarprime.integration.kommo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.config.AccessProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCipherTest {

    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @TempDir
    Path dir;

    @Test
    void roundTripsAndNeverStoresThePlainToken() throws Exception {
        TokenCipher cipher = new TokenCipher(new AccessProperties(null, null, null, KEY, dir.resolve("k")));
        String sealed = cipher.encrypt("secret-access-token");
        assertThat(sealed).doesNotContain("secret-access-token");
        assertThat(cipher.encrypt("secret-access-token")).as("random IV").isNotEqualTo(sealed);
        assertThat(cipher.decrypt(sealed)).isEqualTo("secret-access-token");
    }

    @Test
    void aGeneratedKeyIsKeptAndReusedAcrossRestarts() throws Exception {
        Path file = dir.resolve("data/token.key");
        String sealed = new TokenCipher(new AccessProperties(null, null, null, null, file)).encrypt("t");
        assertThat(Files.readString(file)).isNotBlank();
        assertThat(new TokenCipher(new AccessProperties(null, null, null, "", file)).decrypt(sealed)).isEqualTo("t");
    }

    @Test
    void anotherKeyCannotReadTheTokens() throws Exception {
        String sealed = new TokenCipher(new AccessProperties(null, null, null, KEY, null)).encrypt("t");
        TokenCipher other = new TokenCipher(new AccessProperties(null, null, null,
                "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=", null));
        assertThatThrownBy(() -> other.decrypt(sealed)).hasMessageContaining("TOKEN_ENCRYPTION_KEY");
    }

    @Test
    void aKeyOfTheWrongSizeIsRefused() {
        assertThatThrownBy(() -> new TokenCipher(new AccessProperties(null, null, null, "c2hvcnQ=", null)))
                .hasMessageContaining("32 bytes");
    }
}
