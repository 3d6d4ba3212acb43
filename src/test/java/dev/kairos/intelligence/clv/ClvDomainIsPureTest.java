package dev.kairos.intelligence.clv;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The CLV models are domain code: no database, HTTP, JSON, CLI or server types. The file readers in
 * {@code io} use the platform's one CSV reader.
 */
class ClvDomainIsPureTest {

  @Test
  void clv_package_uses_no_infrastructure_or_framework_types() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.kairos.intelligence.clv");

    noClasses()
        .that()
        .resideOutsideOfPackage("dev.kairos.intelligence.clv.io..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "io.javalin..",
            "org.eclipse.jetty..",
            "com.fasterxml.jackson..",
            "picocli..",
            "org.jooq..",
            "com.zaxxer..",
            "dev.kairos.app..",
            "dev.kairos.cli..",
            "dev.kairos.platform..")
        .check(classes);
  }
}
