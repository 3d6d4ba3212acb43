package dev.kairos.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.SharedData;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The gzip master file (header, CRLF, four columns) reads like the sample. */
class CdnowMasterFileTest {

  @Test
  void master_file_reads_all_lines_and_contains_the_sample() {
    List<Transaction> master = CdnowData.read(SharedData.require("CDNOW_master.txt.gz"));
    List<Transaction> sample = CdnowData.sampleTransactions();

    Set<String> customers =
        master.stream().map(Transaction::customerId).collect(Collectors.toSet());

    assertThat(master).hasSize(69_659);
    assertThat(customers).hasSize(23_570);
    Set<Transaction> masterLines = new HashSet<>(master);
    assertThat(sample).filteredOn(t -> !masterLines.contains(t)).isEmpty();
  }
}
