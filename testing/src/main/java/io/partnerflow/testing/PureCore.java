package io.partnerflow.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rule every service's pure calculation core obeys (CONVENTIONS 15): no class in {@code <service>.domain..}
 * depends on Quarkus, Vert.x, Hibernate, Kafka or SmallRye (Mutiny, Reactive Messaging, config) — checked on the
 * compiled bytecode, so fully qualified uses count too. Each service has a one-line plain JUnit test calling
 * {@link #check}; it starts nothing and takes well under a second.
 */
public final class PureCore {
    /** Packages the core must not touch. */
    public static final String[] FORBIDDEN = {"io.quarkus..", "io.vertx..", "org.hibernate..", "org.apache.kafka..", "io.smallrye.."};

    private PureCore() {
    }

    /** The rule for the core under {@code corePackage} (e.g. {@code io.partnerflow.incentive.domain}). */
    public static ArchRule rule(String corePackage) {
        return noClasses().that().resideInAPackage(corePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(FORBIDDEN)
                .because("the calculation core is pure: inputs in, results with their explanation out (CONVENTIONS 15)");
    }

    /** Imports the service's main classes and fails with every violation listed. */
    public static void check(String corePackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(corePackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found in " + corePackage + ": the rule would pass vacuously");
        }
        rule(corePackage).check(classes);
    }
}
