package dev.kairos;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package rules of STYLE.md: contexts depend one way along the data flow, domain code imports
 * no HTTP, JDBC or framework type (those live in {@code store}, {@code web} and {@code schedule}
 * sub-packages), and only the composition root knows every context.
 */
class ArchitectureTest {
  /** The data flow, upstream first. A context may depend only on contexts before it. */
  static final List<String> FLOW =
      List.of(
          "ingest",
          "identity",
          "commerce",
          "profile",
          "consent",
          "segment",
          "template",
          "journey",
          "delivery",
          "channel",
          "analytics");

  static final JavaClasses KAIROS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.kairos");

  @Test
  void contexts_depend_only_on_contexts_upstream_of_them() {
    for (int i = 0; i < FLOW.size(); i++) {
      for (String downstream : FLOW.subList(i + 1, FLOW.size())) {
        noClasses()
            .that()
            .resideInAPackage("dev.kairos." + FLOW.get(i) + "..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.kairos." + downstream + "..")
            .allowEmptyShould(true)
            .because(FLOW.get(i) + " is upstream of " + downstream)
            .check(KAIROS);
      }
    }
  }

  @Test
  void the_pipeline_does_not_depend_on_the_intelligence_beside_it() {
    for (String context : FLOW) {
      noClasses()
          .that()
          .resideInAPackage("dev.kairos." + context + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.kairos.intelligence..")
          .allowEmptyShould(true)
          .check(KAIROS);
    }
  }

  @Test
  void domain_code_imports_no_http_jdbc_or_framework_type() {
    noClasses()
        .that()
        .resideInAPackage("dev.kairos..")
        .and()
        .resideOutsideOfPackages(
            "dev.kairos..store..",
            "dev.kairos..web..",
            "dev.kairos..schedule..",
            "dev.kairos.platform..",
            "dev.kairos.app..",
            "dev.kairos.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "io.javalin..",
            "org.eclipse.jetty..",
            "com.zaxxer..",
            "org.flywaydb..",
            "picocli..")
        .check(KAIROS);
  }

  @Test
  void only_the_composition_root_and_the_command_line_know_the_application() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.kairos.app..", "dev.kairos.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.kairos.app..", "dev.kairos.cli..")
        .check(KAIROS);
  }

  @Test
  void the_platform_knows_no_context() {
    noClasses()
        .that()
        .resideInAPackage("dev.kairos.platform..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "dev.kairos.platform..", "java..", "javax..", "com..", "org..", "io..")
        .check(KAIROS);
  }

  @Test
  void no_context_depends_on_the_console_beside_the_pipeline() {
    noClasses()
        .that()
        .resideInAPackage("dev.kairos..")
        .and()
        .resideOutsideOfPackages("dev.kairos.console..", "dev.kairos.app..", "dev.kairos.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.kairos.console..")
        .because("the console calls the contexts' services; none of them knows the console")
        .check(KAIROS);
  }
}
