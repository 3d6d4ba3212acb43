package dev.kairos.platform.csv;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The text of a CSV file or request body, in UTF-8, decompressed when it starts with gzip's magic
 * bytes (so {@code .gz} files and gzip bodies are read alike).
 */
public final class CsvInput {
  private static final int BUFFER = 64 * 1024;

  private CsvInput() {}

  /** Thrown while reading when the text is longer than allowed. */
  public static final class TooLarge extends IOException {
    private final long limit;

    TooLarge(long limit) {
      super("the content is larger than " + limit + " bytes");
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }

  public static Reader text(Path file) throws IOException {
    return text(Files.newInputStream(file), Long.MAX_VALUE);
  }

  /**
   * The text of {@code raw}; reading it fails with {@link TooLarge} once more than {@code maxBytes}
   * bytes (after decompression) have been read.
   */
  public static Reader text(InputStream raw, long maxBytes) throws IOException {
    InputStream in = new BufferedInputStream(raw, BUFFER);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    if (first == 0x1f && second == 0x8b) {
      in = new GZIPInputStream(in, BUFFER);
    }
    if (maxBytes < Long.MAX_VALUE) {
      in = capped(in, maxBytes);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private static InputStream capped(InputStream in, long maxBytes) {
    return new FilterInputStream(in) {
      private long read;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, (int) Math.min(length, maxBytes + 1 - read));
        if (n > 0 && (read += n) > maxBytes) {
          throw new TooLarge(maxBytes);
        }
        return n;
      }
    };
  }
}
