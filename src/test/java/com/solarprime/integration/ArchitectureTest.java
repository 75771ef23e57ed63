package com.solarprime.integration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

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
                    "..integration.report..", "..integration.privacy..")
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

    /**
     * A route reads a record's component as {@code ${body.leadId}}. Camel finds both {@code leadId()} and a
     * {@code getLeadId()} beside it under that name, and which one wins is the order reflection lists them in: some
     * runs fail with AmbiguousMethodCallException. The record's own accessor is enough.
     */
    @ArchTest
    static final ArchRule recordsHaveNoSecondAccessor = classes().that().areAssignableTo(Record.class)
            .should(new ArchCondition<JavaClass>("not declare a getter or is-method beside a component's accessor") {
                @Override
                public void check(JavaClass record, ConditionEvents events) {
                    Set<String> components = Arrays.stream(record.reflect().getRecordComponents())
                            .map(RecordComponent::getName).collect(Collectors.toSet());
                    for (JavaMethod method : record.getMethods()) {
                        String name = method.getName();
                        String property = name.startsWith("get") ? name.substring(3)
                                : name.startsWith("is") ? name.substring(2) : "";
                        if (!property.isEmpty() && method.getRawParameterTypes().isEmpty()
                                && components.contains(Character.toLowerCase(property.charAt(0)) + property.substring(1))) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " duplicates the accessor of its component"));
                        }
                    }
                }
            });
}
