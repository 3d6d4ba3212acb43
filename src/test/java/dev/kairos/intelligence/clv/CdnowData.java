package dev.kairos.intelligence.clv;

import dev.kairos.intelligence.clv.io.CdnowTransactionReader;
import dev.kairos.intelligence.clv.io.TransactionReadResult;
import dev.kairos.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** The CDNOW 1/10 sample as the literature uses it: 39 calibration weeks, time in weeks. */
final class CdnowData {
  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

  private CdnowData() {}

  /** The sample's transactions; the calling test is skipped when the file is absent. */
  static List<Transaction> sampleTransactions() {
    return read(SharedData.require("CDNOW_sample.txt"));
  }

  static List<Transaction> read(Path file) {
    try {
      TransactionReadResult result = new CdnowTransactionReader().read(file);
      if (result instanceof TransactionReadResult.Read read) {
        return read.transactions();
      }
      throw new IllegalStateException(((TransactionReadResult.Rejected) result).message());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CalibrationSummary sampleCalibration() {
    return CalibrationSummary.of(sampleTransactions(), CALIBRATION_END, ClvTimeUnit.WEEKS);
  }
}
