package dev.kairos.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.TestDatabase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * What goes through {@link BinaryCopy} comes out of PostgreSQL as it went in, however the rows fall
 * across the 64 kB chunks the stream is sent in (rows smaller and larger than a chunk, many or
 * none), and a value written after its length ({@code lengthOfNext}) included.
 */
class BinaryCopyProperties {
  private static Database database;

  record Row(UUID id, String text, List<Long> numbers, List<Instant> times) {}

  @BeforeContainer
  static void database() {
    database = TestDatabase.fresh();
  }

  @AfterContainer
  static void close() {
    database.close();
  }

  @Property(tries = 60)
  void rows_come_back_as_they_were_copied(@ForAll("rows") List<Row> rows) {
    List<byte[][]> copied = new ArrayList<>();
    for (Row row : rows) {
      byte[] text = row.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] head =
          new BinaryCopy.Row(4, 64)
              .uuid(row.id())
              .int8Array(row.numbers())
              .timestampArray(row.times())
              .lengthOfNext(text.length)
              .bytes();
      copied.add(new byte[][] {head, text});
    }
    List<Row> read =
        database.inTransaction(
            c -> {
              try (Statement s = c.createStatement()) {
                s.execute(
                    "create temporary table copied (n serial, id uuid, numbers bigint[],"
                        + " times timestamptz[], text text) on commit drop");
              }
              BinaryCopy.copyIn(
                  c,
                  "copy copied (id, numbers, times, text) from stdin with (format binary)",
                  copied);
              return readBack(c);
            });
    assertThat(read).isEqualTo(rows);
  }

  private static List<Row> readBack(Connection c) throws java.sql.SQLException {
    List<Row> read = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id, text, numbers, times from copied order by n")) {
      while (rs.next()) {
        read.add(
            new Row(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                Arrays.asList((Long[]) rs.getArray(3).getArray()),
                instants(rs.getArray(4))));
      }
    }
    return read;
  }

  private static List<Instant> instants(Array array) throws java.sql.SQLException {
    List<Instant> instants = new ArrayList<>();
    for (Object value : (Object[]) array.getArray()) {
      instants.add(((java.sql.Timestamp) value).toInstant());
    }
    return instants;
  }

  @Provide
  Arbitrary<List<Row>> rows() {
    Arbitrary<String> texts =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(200),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(60_000).ofMaxLength(140_000),
            Arbitraries.strings().withChars('é', '€', 'x').ofMaxLength(30_000));
    Arbitrary<Instant> times =
        Arbitraries.longs()
            .between(-2_000_000_000_000_000L, 4_000_000_000_000_000L)
            .map(micros -> Instant.EPOCH.plusNanos(micros * 1_000));
    Arbitrary<Row> row =
        Combinators.combine(
                Arbitraries.create(UUID::randomUUID),
                texts,
                Arbitraries.longs().list().ofMaxSize(3_000),
                times.list().ofMaxSize(5))
            .as(Row::new);
    return row.list().ofMaxSize(30);
  }
}
