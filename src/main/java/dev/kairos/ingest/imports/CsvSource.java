package dev.kairos.ingest.imports;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A CSV file that can be read more than once (orders are read twice: to count each order's rows,
 * then to emit each order when its last row is read). Gzip-compressed content is recognised by its
 * magic bytes, so {@code .gz} files and gzip request bodies are read alike.
 */
public interface CsvSource {

  /** A human-readable name (the file name) for messages. */
  String name();

  InputStream openStream() throws IOException;

  default CsvReader open() {
    try {
      InputStream raw = new BufferedInputStream(openStream(), 64 * 1024);
      raw.mark(2);
      int b1 = raw.read();
      int b2 = raw.read();
      raw.reset();
      InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw, 64 * 1024) : raw;
      return new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8));
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
