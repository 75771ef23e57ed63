package com.solarprime.integration.console;

import com.solarprime.integration.kommo.KommoProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page shows around its content: the mode (a banner in sandbox mode, and links to the sandbox's
 * own pages), who is logged in. Pages load nothing from elsewhere: the policy below makes the browser refuse any
 * script, style, image or form target that is not this service's.
 */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
class ConsolePages {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

    private final KommoProperties kommo;

    ConsolePages(KommoProperties kommo) {
        this.kommo = kommo;
    }

    @ModelAttribute
    void frame(Model model, Principal principal, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        model.addAttribute("sandbox", kommo.effectiveMode() == KommoProperties.Mode.SANDBOX);
        model.addAttribute("operator", principal == null ? null : principal.getName());
    }
}
