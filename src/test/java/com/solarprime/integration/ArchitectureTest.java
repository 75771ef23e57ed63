package com.solarprime.integration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Packages by domain, depending one way: the routes orchestrate, domains compute and store. A domain never
 * reaches up into a domain above it, and no package cycle exists at any depth.
 */
@AnalyzeClasses(packages = "com.solarprime.integration", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("com.solarprime.integration.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Application").definedBy("com.solarprime.integration")
            .layer("Operations").definedBy("..integration.ops..", "..integration.sandbox..", "..integration.console..")
            .layer("Flows").definedBy("..integration.automation..", "..integration.meeting..",
                    "..integration.report..")
            .layer("Kommo and follow-ups").definedBy("..integration.kommo..", "..integration.followup..")
            .layer("WhatsApp").definedBy("..integration.whatsapp..")
            .layer("Leads and inbox").definedBy("..integration.lead..", "..integration.inbox..")
            .layer("Rules").definedBy("..integration.qualification..", "..integration.calendar..")
            .layer("Shared").definedBy("..integration.shared..", "..integration.config..")
            .whereLayer("Application").mayNotBeAccessedByAnyLayer()
            .whereLayer("Operations").mayOnlyBeAccessedByLayers("Application")
            .whereLayer("Flows").mayOnlyBeAccessedByLayers("Application", "Operations")
            .whereLayer("Kommo and follow-ups").mayOnlyBeAccessedByLayers("Application", "Operations", "Flows")
            .whereLayer("WhatsApp").mayOnlyBeAccessedByLayers("Application", "Operations", "Flows", "Kommo and follow-ups")
            .whereLayer("Leads and inbox").mayOnlyBeAccessedByLayers("Application", "Operations", "Flows",
                    "Kommo and follow-ups", "WhatsApp")
            .whereLayer("Rules").mayOnlyBeAccessedByLayers("Application", "Operations", "Flows", "Kommo and follow-ups",
                    "WhatsApp", "Leads and inbox");

    /** Flows are routes: a bean that needs another route is the Kommo door's Java handle, nothing else. */
    @ArchTest
    static final ArchRule beansDoNotDriveRoutes = noClasses().that().doNotHaveFullyQualifiedName(
                    "com.solarprime.integration.kommo.KommoClient")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.camel.ProducerTemplate")
            .because("a use case's steps are route steps; beans compute");
}
