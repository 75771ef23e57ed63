package com.solarprime.integration.sandbox.api;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.crm.KommoProblem;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Writes the emulated API's refusals in Kommo's problem JSON. Applies to the sandbox's API controllers only. */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
@ConditionalOnSandbox
class ApiExceptionHandler {

    private static final MediaType PROBLEM_JSON = MediaType.parseMediaType("application/problem+json");

    @ExceptionHandler(KommoProblem.class)
    ResponseEntity<byte[]> problem(KommoProblem problem) {
        return ResponseEntity.status(problem.status()).contentType(PROBLEM_JSON)
                .body(SandboxJson.write(problem.body()).getBytes(StandardCharsets.UTF_8));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<byte[]> badPathValue(MethodArgumentTypeMismatchException e) {
        return problem(KommoProblem.notFound("Not found"));
    }
}
