package dev.kairos.ingest.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kairos.platform.http.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Finds the {@code writeKey} at the top of a call's JSON body by streaming over it: no event is
 * built, nested objects are skipped, and a gzip body is inflated only as far as the key (and never
 * past the call's size limit). A body that is not JSON has no key.
 */
final class BodyWriteKey {
  private BodyWriteKey() {}

  static Optional<String> find(byte[] raw, boolean gzip, int maxBytes) {
    try (InputStream in = gzip ? capped(raw, maxBytes) : new ByteArrayInputStream(raw);
        JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("writeKey".equals(name) && value == JsonToken.VALUE_STRING) {
          return Optional.of(parser.getText());
        }
        parser.skipChildren();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static InputStream capped(byte[] raw, int maxBytes) throws IOException {
    InputStream inflated = new GZIPInputStream(new ByteArrayInputStream(raw), 8192);
    return new InputStream() {
      private long left = maxBytes + 1L;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          throw new IOException("larger than the limit");
        }
        left--;
        return inflated.read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
          throw new IOException("larger than the limit");
        }
        int n = inflated.read(buffer, offset, (int) Math.min(length, left));
        left -= Math.max(n, 0);
        return n;
      }

      @Override
      public void close() throws IOException {
        inflated.close();
      }
    };
  }
}
