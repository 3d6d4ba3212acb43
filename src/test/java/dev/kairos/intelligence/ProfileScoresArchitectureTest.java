package dev.kairos.intelligence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The recompute's use cases are pure orchestration; JDBC lives in {@code store}, HTTP in {@code
 * web}, db-scheduler in {@code schedule}; the profile context shows the stored columns without
 * knowing the intelligence code.
 */
class ProfileScoresArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.kairos");

  @Test
  void the_use_cases_import_no_infrastructure() {
    noClasses()
        .that()
        .resideInAPackage("dev.kairos.intelligence")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "io.javalin..",
            "com.fasterxml..",
            "com.github.kagkarlsson..",
            "dev.kairos.platform..",
            "dev.kairos.intelligence.store..",
            "dev.kairos.intelligence.web..",
            "dev.kairos.intelligence.schedule..")
        .check(classes);
  }

  @Test
  void only_the_schedule_knows_db_scheduler() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.kairos.intelligence.schedule..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.github.kagkarlsson..")
        .check(classes);
  }

  @Test
  void the_profile_context_does_not_know_the_intelligence_code() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.kairos.profile..",
            "dev.kairos.ingest..",
            "dev.kairos.identity..",
            "dev.kairos.commerce..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.kairos.intelligence..")
        .check(classes);
  }
}
