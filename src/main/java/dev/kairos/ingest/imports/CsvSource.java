package dev.kairos.ingest.imports;

import dev.kairos.platform.csv.CsvInput;
import dev.kairos.platform.csv.CsvReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CSV file that can be read more than once (orders are read twice: to count each order's rows,
 * then to emit each order when its last row is read). Gzip-compressed content is recognised by its
 * magic bytes, so {@code .gz} files and gzip request bodies are read alike.
 */
public interface CsvSource {

  /** A human-readable name (the file name) for messages. */
  String name();

  InputStream openStream() throws IOException;

  /** The most bytes the (decompressed) content may have; beyond it reading fails. */
  default long maxBytes() {
    return Long.MAX_VALUE;
  }

  default CsvReader open() {
    try {
      return CsvReader.open(CsvInput.text(openStream(), maxBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A file; fails with an {@link ImportProblem} naming it when it is missing or unreadable, before
   * anything is imported.
   */
  static CsvSource of(Path file) {
    return of(file, file.toString());
  }

  /** A file named otherwise in messages (a request body kept in a temporary file). */
  static CsvSource of(Path file, String name) {
    return of(file, name, Long.MAX_VALUE);
  }

  /** A request body kept in a temporary file, at most {@code maxBytes} once decompressed. */
  static CsvSource of(Path file, String name, long maxBytes) {
    if (!Files.isRegularFile(file)) {
      throw new ImportProblem("file", "no such file: " + file);
    }
    if (!Files.isReadable(file)) {
      throw new ImportProblem("file", "cannot read file: " + file);
    }
    return new CsvSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public InputStream openStream() throws IOException {
        return Files.newInputStream(file);
      }

      @Override
      public long maxBytes() {
        return maxBytes;
      }
    };
  }

  static CsvSource of(String name, byte[] content) {
    return new CsvSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public InputStream openStream() {
        return new ByteArrayInputStream(content);
      }
    };
  }
}
