package com.solarprime.integration.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A route test whose advice replaces a remote endpoint of its own route (the WhatsApp provider, a Kommo read) with
 * a mock. These tests share an application context of their own, so the replacements never reach other tests;
 * each replaces endpoints only in the route it is about.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@IntegrationTest
@TestPropertySource(properties = "solarprime.test.context=stubbed-routes")
public @interface StubbedRouteTest {
}
