package dev.kairos.ingest.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * One Segment call made from a file, serialised, with the line it starts on (for errors the server
 * reports about it).
 */
public record ImportEvent(int line, byte[] json) {

  static ImportEvent of(int line, ObjectNode event, ObjectMapper mapper) {
    try {
      return new ImportEvent(line, mapper.writeValueAsBytes(event));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
