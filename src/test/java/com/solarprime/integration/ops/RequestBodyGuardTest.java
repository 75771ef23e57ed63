package com.solarprime.integration.ops;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** The body the guard read once can be read again, also by a non-blocking reader (a servlet ReadListener). */
class RequestBodyGuardTest {

    private final RequestBodyGuard guard = new RequestBodyGuard(new RequestBodyGuard.Limits(DataSize.ofKilobytes(1)));

    @Test
    void aNonBlockingReaderGetsTheWholeBodyAndIsToldItIsAllRead() throws Exception {
        ServletInputStream in = guarded("{\"phone\":\"+5581999991234\"}").getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();

        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                events.add("data");
                byte[] buffer = new byte[8];
                while (in.isReady() && !in.isFinished()) {
                    int n = in.read(buffer);
                    if (n > 0) {
                        read.write(buffer, 0, n);
                    }
                }
            }

            @Override
            public void onAllDataRead() {
                events.add("all read");
            }

            @Override
            public void onError(Throwable failure) {
                events.add("error: " + failure);
            }
        });

        assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo("{\"phone\":\"+5581999991234\"}");
        assertThat(events).containsExactly("data", "all read");
    }

    @Test
    void aReaderThatFailsIsToldOfItsFailure() throws Exception {
        ServletInputStream in = guarded("x").getInputStream();
        List<Throwable> errors = new ArrayList<>();

        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                throw new IOException("the reader broke");
            }

            @Override
            public void onAllDataRead() {
                errors.add(new AssertionError("all read, though nothing was"));
            }

            @Override
            public void onError(Throwable failure) {
                errors.add(failure);
            }
        });

        assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("the reader broke");
    }

    private HttpServletRequest guarded(String body) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/follow-ups");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        MockFilterChain chain = new MockFilterChain();
        guard.doFilter(request, new MockHttpServletResponse(), chain);
        return (HttpServletRequest) chain.getRequest();
    }
}
