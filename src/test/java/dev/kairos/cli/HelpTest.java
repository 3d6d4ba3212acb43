package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "--help",
        "serve --help",
        "demo --help",
        "import --help",
        "import orders --help",
        "clv --help",
        "clv fit --help",
        "recommend --help",
        "recommend evaluate --help"
      })
  void every_command_answers_help(String args) {
    assertThat(KairosCommand.execute(args.split(" "))).isZero();
  }
}
