package dev.kairos.intelligence.rfm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * RFM, lifecycle, replenishment and send-time code is pure domain code: no database, HTTP, JSON or
 * framework types, and time is always passed in, never read from the system clock.
 */
class IntelligenceDomainIsPureTest {
  private static final String[] PACKAGES = {
    "dev.kairos.intelligence.rfm..",
    "dev.kairos.intelligence.lifecycle..",
    "dev.kairos.intelligence.replenishment..",
    "dev.kairos.intelligence.sendtime.."
  };
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.kairos.intelligence");

  @Test
  void no_infrastructure_types() {
    noClasses()
        .that()
        .resideInAnyPackage(PACKAGES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "java.net..",
            "io.javalin..",
            "org.eclipse.jetty..",
            "com.fasterxml..",
            "org.jooq..",
            "com.zaxxer..",
            "org.flywaydb..",
            "dev.kairos.platform..",
            "dev.kairos.app..")
        .check(classes);
  }

  @Test
  void no_system_clock() {
    noClasses()
        .that()
        .resideInAnyPackage(PACKAGES)
        .should()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(java.time.Clock.class, "systemUTC")
        .orShould()
        .callMethod(java.time.Clock.class, "systemDefaultZone")
        .orShould()
        .callMethod(java.time.LocalDateTime.class, "now")
        .orShould()
        .callMethod(java.time.ZonedDateTime.class, "now")
        .check(classes);
  }
}
