package dev.kairos.intelligence.recommend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class RecommendPackageIsPureDomainTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.kairos.intelligence.recommend");

  /** The file readers in {@code io} use the platform's one CSV reader; the rest is domain code. */
  @Test
  void recommendationCodeImportsNoDatabaseHttpOrFrameworkType() {
    noClasses()
        .that()
        .resideInAPackage("dev.kairos.intelligence.recommend..")
        .and()
        .resideOutsideOfPackage("dev.kairos.intelligence.recommend.io..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "io.javalin..",
            "org.jooq..",
            "com.zaxxer..",
            "org.flywaydb..",
            "com.fasterxml.jackson..",
            "picocli..",
            "dev.kairos.platform..",
            "dev.kairos.cli..")
        .check(classes);
  }
}
