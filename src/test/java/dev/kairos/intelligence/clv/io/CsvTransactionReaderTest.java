package dev.kairos.intelligence.clv.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.intelligence.clv.Transaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CsvTransactionReaderTest {

  private static TransactionReadResult read(String text) throws IOException {
    return new CsvTransactionReader().read(new BufferedReader(new StringReader(text)));
  }

  @Test
  void reads_dates_timestamps_quotes_and_extra_columns_in_any_order() throws IOException {
    TransactionReadResult result =
        read(
            "order_id,Amount,customer_id,date\n"
                + "1,10.5,c1,2024-01-02\n"
                + "2,\"1,000.0\",c2,2024-01-03\n"
                + "3,7,\"c \"\"3\"\"\",2024-01-04T23:30:00+01:00\n"
                + "4,-3,c1,2024-01-05 10:00:00\n"
                + "5,8,c4,2024-01-06T23:30:00Z\n");

    assertThat(result).isInstanceOf(TransactionReadResult.Rejected.class);
    assertThat(((TransactionReadResult.Rejected) result).message())
        .isEqualTo("line 3: amount '1,000.0' is not a number");
  }

  @Test
  void reads_a_valid_file() throws IOException {
    TransactionReadResult result =
        read(
            "order_id,Amount,customer_id,date\n"
                + "1,10.5,c1,2024-01-02\n"
                + "3,7,\"c \"\"3\"\"\",2024-01-04T23:30:00+01:00\n"
                + "\n"
                + "4,-3,c1,2024-01-05 10:00:00\n"
                + "5,8,c4,2024-01-06T23:30:00Z\n");

    assertThat(result).isInstanceOf(TransactionReadResult.Read.class);
    assertThat(((TransactionReadResult.Read) result).transactions())
        .containsExactly(
            new Transaction("c1", LocalDate.of(2024, 1, 2), 10.5),
            new Transaction("c \"3\"", LocalDate.of(2024, 1, 4), 7),
            new Transaction("c1", LocalDate.of(2024, 1, 5), -3),
            new Transaction("c4", LocalDate.of(2024, 1, 6), 8));
  }

  @Test
  void a_missing_column_or_a_bad_field_names_the_line() throws IOException {
    assertThat(read("customer,date,amount\nc1,2024-01-01,1\n"))
        .isEqualTo(
            new TransactionReadResult.Rejected(
                1, "the header has no column 'customer_id' (needs customer_id,date,amount)"));
    assertThat(read("customer_id,date,amount\nc1,2024-01-01,1\n,2024-01-01,1\n"))
        .isEqualTo(new TransactionReadResult.Rejected(3, "customer_id is empty"));
    assertThat(read("customer_id,date,amount\nc1,01/02/2024,1\n"))
        .isEqualTo(
            new TransactionReadResult.Rejected(
                2, "date '01/02/2024' is not yyyy-MM-dd or an ISO timestamp"));
    assertThat(read("customer_id,date,amount\nc1,2024-01-01\n"))
        .isEqualTo(new TransactionReadResult.Rejected(2, "expected 3 fields, found 2"));
  }
}
