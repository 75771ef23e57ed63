package com.solarprime.integration.sandbox.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StreamUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The authorization page (auto-approved: there is no user to ask) and the token endpoint. The token
 * endpoint takes JSON as Kommo documents it, and form posts as generic OAuth clients send them.
 */
@RestController
@ConditionalOnSandbox
public class OAuthController {

    private final OAuthService oauth;
    private final SandboxProperties props;

    public OAuthController(OAuthService oauth, SandboxProperties props) {
        this.oauth = oauth;
        this.props = props;
    }

    @GetMapping(SandboxPaths.ROOT + "/oauth")
    public ResponseEntity<String> authorize(@RequestParam(name = "client_id", required = false) String clientId,
                                            @RequestParam(name = "state", required = false) String state,
                                            @RequestParam(name = "redirect_uri", required = false) String redirectUri) {
        if (!oauth.isKnownClient(clientId)) {
            return page(HttpStatus.BAD_REQUEST, "Integration not found", "No integration has this client_id.");
        }
        Optional<String> target = oauth.redirectUri(redirectUri);
        if (target.isEmpty()) {
            return page(HttpStatus.BAD_REQUEST, "Invalid redirect_uri",
                    "redirect_uri is missing or differs from the one registered for the integration.");
        }
        UriComponentsBuilder redirect = UriComponentsBuilder.fromUriString(target.get());
        oauth.authorize(clientId, target.get()).ifPresentOrElse(
                code -> redirect.queryParam("code", code)
                        .queryParam("state", state)
                        .queryParam("referer", props.account().host())
                        .queryParam("client_id", clientId),
                () -> redirect.queryParam("error", "access_denied").queryParam("state", state));
        URI location = redirect.encode().build().toUri();
        return ResponseEntity.status(HttpStatus.FOUND).location(location).build();
    }

    @PostMapping(SandboxPaths.TOKEN)
    public ResponseEntity<String> token(HttpServletRequest request) throws IOException {
        JsonNode params = params(request);
        String grantType = text(params, "grant_type");
        String clientId = text(params, "client_id");
        String clientSecret = text(params, "client_secret");
        OAuthService.TokenPair pair;
        if ("authorization_code".equals(grantType)) {
            pair = oauth.exchangeCode(clientId, clientSecret, text(params, "code"), text(params, "redirect_uri"));
        } else if ("refresh_token".equals(grantType)) {
            pair = oauth.refresh(clientId, clientSecret, text(params, "refresh_token"));
        } else if (grantType == null) {
            throw OAuthException.invalidRequest("Check the `grant_type` parameter");
        } else {
            throw new OAuthException(400, "Check that all required parameters have been provided",
                    "The authorization grant type is not supported by the authorization server.");
        }
        ObjectNode body = SandboxJson.object()
                .put("token_type", "Bearer")
                .put("expires_in", pair.expiresIn())
                .put("access_token", pair.accessToken())
                .put("refresh_token", pair.refreshToken())
                .put("server_time", pair.serverTime());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                .body(SandboxJson.write(body));
    }

    @ExceptionHandler(OAuthException.class)
    public ResponseEntity<String> refused(OAuthException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(SandboxJson.write(e.body()));
    }

    private static JsonNode params(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            ObjectNode form = SandboxJson.object();
            request.getParameterMap().forEach((name, values) -> form.put(name, values[0]));
            return form;
        }
        String body = StreamUtils.copyToString(request.getInputStream(), StandardCharsets.UTF_8);
        try {
            JsonNode json = body.isBlank() ? null : SandboxJson.parse(body);
            if (json == null || !json.isObject()) {
                throw OAuthException.invalidRequest("The request body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw OAuthException.invalidRequest("The request body is not valid JSON");
        }
    }

    private static String text(JsonNode params, String name) {
        JsonNode value = params.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String message) {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(message)
                + "</p></body></html>";
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }
}
