package com.solarprime.integration.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;

/**
 * A test of a route with Camel's test kit, on the whole service (the application context the integration tests
 * share). Advice given here only adds (a mock after a step), never replaces a step, since other tests use the
 * same routes; a test that replaces a remote endpoint is a {@link StubbedRouteTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@IntegrationTest
public @interface RouteTest {
}
