package com.solarprime.integration.ops;

import com.solarprime.integration.config.ServiceProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what. {@code /api/**} takes the integration key; {@code /ops/**}, actuator (but health)
 * and Hawtio take the admin: scripts with HTTP basic auth, browsers through the console's login form (a session
 * cookie). Their state-changing requests must show they were not sent cross-site ({@link CrossSiteRequestFilter}),
 * and are recorded with who made them ({@link OpsAuditFilter}); webhooks, OAuth callbacks and the sandbox carry
 * their own secrets and are checked by their routes.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String ADMIN = "ADMIN";
    static final String LOGIN_PAGE = "/ops/login";

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
    SecurityFilterChain adminChain(HttpSecurity http, ServiceProperties service, JdbcClient jdbc) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            if (wantsPage(request)) {
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE);
            } else {
                unauthorized(response, "HTTP basic authentication required", true);
            }
        };
        return http.securityMatcher(SecurityConfiguration::isAdminPath)
                // Instead of Spring's CSRF tokens: scripts send no cookie, and a browser's request is refused unless it
                // shows it comes from the console itself. Checked first, so that the login and logout posts are too.
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new CrossSiteRequestFilter(service.publicBaseUrl()), LogoutFilter.class)
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                // Browsers keep a session (HttpOnly, SameSite=Lax cookie); basic auth never creates one.
                .formLogin(form -> form.loginPage(LOGIN_PAGE).loginProcessingUrl(LOGIN_PAGE)
                        .defaultSuccessUrl("/ops", true).failureUrl(LOGIN_PAGE + "?error").permitAll())
                .logout(logout -> logout.logoutRequestMatcher(request -> "POST".equals(request.getMethod())
                                && "/ops/logout".equals(path(request)))
                        .logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .addFilterAfter(new OpsAuditFilter(jdbc), AuthorizationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(request -> isHealth(path(request))).permitAll()
                        // The login page whatever its query (?error, ?logout): Spring's own permit matches exact URLs.
                        .requestMatchers(request -> LOGIN_PAGE.equals(path(request))).permitAll()
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
                || underPath(path, "/sandbox/kommo/ui") || underPath(path, "/sandbox/kommo/_admin")
                || underPath(path, "/sandbox/whatsapp")
                || path.startsWith("/actuator");
    }

    /** A browser asking for a page is sent to the login form; any other caller gets the 401 and the basic challenge. */
    private static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return "GET".equals(request.getMethod()) && accept != null && accept.contains("text/html");
    }

    /** Health is public; an admin who sends credentials sees its details. */
    private static boolean isHealth(String path) {
        return underPath(path, "/actuator/health");
    }

    static String path(HttpServletRequest request) {
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
