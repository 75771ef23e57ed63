package com.solarprime.integration.ops;

import com.solarprime.integration.config.ServiceProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what. {@code /api/**} takes the integration key; {@code /ops/**}, actuator (but health)
 * and Hawtio take the admin's basic auth, and their state-changing requests must show they were not sent
 * cross-site ({@link CrossSiteRequestFilter}); webhooks, OAuth callbacks and the sandbox carry their own
 * secrets and are checked by their routes.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String ADMIN = "ADMIN";

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, GeneratedCredentials credentials) throws Exception {
        return stateless(http.securityMatcher("/api/**"))
                .addFilterBefore(new ApiKeyFilter(credentials.integrationApiKey()), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminChain(HttpSecurity http, ServiceProperties service) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, e) ->
                unauthorized(response, "HTTP basic authentication required", true);
        return stateless(http.securityMatcher(SecurityConfiguration::isAdminPath))
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                // Instead of Spring's CSRF tokens: callers are scripts and a few same-origin pages, none holds a session.
                .addFilterAfter(new CrossSiteRequestFilter(service.publicBaseUrl()), BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(request -> isHealth(path(request))).permitAll()
                        .anyRequest().hasRole(ADMIN))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain openChain(HttpSecurity http) throws Exception {
        return stateless(http).authorizeHttpRequests(auth -> auth.anyRequest().permitAll()).build();
    }

    @Bean
    UserDetailsService adminUsers(GeneratedCredentials credentials) {
        return new InMemoryUserDetailsManager(User.withUsername(credentials.adminUser())
                .password("{noop}" + credentials.adminPassword())
                .roles(ADMIN)
                .build());
    }

    /**
     * {@code /ops/**}, every actuator path (Hawtio and Jolokia included; health answers anyone), starting the Kommo
     * connection (so nobody else can connect their account), and the Kommo sandbox's page and control
     * endpoints (its API takes Kommo-style tokens instead).
     */
    static boolean isAdminPath(HttpServletRequest request) {
        String path = path(request);
        return underPath(path, "/ops") || underPath(path, "/auth/kommo") || underPath(path, "/auth/status")
                || underPath(path, "/sandbox/kommo/ui") || underPath(path, "/sandbox/kommo/_admin") || underPath(path, "/sandbox/whatsapp")
                || path.startsWith("/actuator");
    }

    /** Health is public; an admin who sends credentials sees its details. */
    private static boolean isHealth(String path) {
        return underPath(path, "/actuator/health");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static boolean underPath(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
    }

    static void unauthorized(HttpServletResponse response, String reason, boolean basicChallenge) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        if (basicChallenge) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"solarprime\"");
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"unauthorized\",\"reason\":\"" + reason + "\"}");
    }
}
