package dev.kairos.delivery.bounce;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small reader of the MIME a report arrives in (RFC 2045/2046): header fields (folded lines
 * unfolded, names case-insensitive, the first of a repeated field kept), a {@code Content-Type}'s
 * parameters, and the parts of a multipart body split at its boundary (nested multiparts read
 * again). Bodies in base64 are decoded; others are read as they are (the report parts are 7-bit
 * text). It reads what bounce processing needs, not every MIME message there is.
 */
final class MimeParts {
  static final int MAX_DEPTH = 5;

  /** One entity: its header fields and its body (text). */
  record Entity(Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The content type without parameters, lower case; text/plain when missing. */
    String type() {
      String type = header("content-type");
      if (type == null) {
        return "text/plain";
      }
      int semicolon = type.indexOf(';');
      return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    Optional<String> parameter(String name) {
      String type = header("content-type");
      return type == null ? Optional.empty() : MimeParts.parameter(type, name);
    }
  }

  private MimeParts() {}

  static Entity parse(String message) {
    String text = message.replace("\r\n", "\n");
    int end = text.indexOf("\n\n");
    String head = end < 0 ? text : text.substring(0, end);
    String body = end < 0 ? "" : text.substring(end + 2);
    Map<String, String> headers = fields(head);
    if ("base64"
        .equalsIgnoreCase(String.valueOf(headers.get("content-transfer-encoding")).strip())) {
      try {
        body = new String(Base64.getMimeDecoder().decode(body.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // left as it is: the report parts themselves are never base64 in practice
      }
    }
    return new Entity(headers, body);
  }

  /** Header fields of a block of lines ("Name: value"), folded lines unfolded. */
  static Map<String, String> fields(String block) {
    Map<String, String> fields = new LinkedHashMap<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : block.replace("\r\n", "\n").split("\n")) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        value.append(' ').append(line.strip());
        continue;
      }
      if (name != null) {
        fields.putIfAbsent(name, value.toString().strip());
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        name = null;
        continue;
      }
      name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      value = new StringBuilder(line.substring(colon + 1));
    }
    if (name != null) {
      fields.putIfAbsent(name, value.toString().strip());
    }
    return fields;
  }

  /** The parts of a multipart entity (nested multiparts flattened); none when it is not one. */
  static List<Entity> parts(Entity entity) {
    List<Entity> parts = new ArrayList<>();
    collect(entity, parts, 0);
    return parts;
  }

  private static void collect(Entity entity, List<Entity> into, int depth) {
    Optional<String> boundary = entity.parameter("boundary");
    if (!entity.type().startsWith("multipart/") || boundary.isEmpty() || depth >= MAX_DEPTH) {
      return;
    }
    String delimiter = "--" + boundary.get();
    String[] chunks = ("\n" + entity.body()).split("\n" + java.util.regex.Pattern.quote(delimiter));
    for (int i = 1; i < chunks.length; i++) {
      String chunk = chunks[i];
      if (chunk.startsWith("--")) {
        break; // the closing delimiter
      }
      int newline = chunk.indexOf('\n');
      Entity part = parse(newline < 0 ? "" : chunk.substring(newline + 1));
      into.add(part);
      collect(part, into, depth + 1);
    }
  }

  /** A parameter of a structured header value ({@code boundary="abc"}). */
  static Optional<String> parameter(String value, String name) {
    for (String piece : value.split(";")) {
      int equals = piece.indexOf('=');
      if (equals > 0 && piece.substring(0, equals).strip().equalsIgnoreCase(name)) {
        String v = piece.substring(equals + 1).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The first HTTPS URL in a {@code List-Unsubscribe} value ({@code <https://…>, <mailto:…>}). */
  static Optional<String> unsubscribeUrl(String listUnsubscribe) {
    if (listUnsubscribe == null) {
      return Optional.empty();
    }
    for (String piece : listUnsubscribe.split(",")) {
      String url = piece.strip();
      if (url.startsWith("<") && url.endsWith(">")) {
        url = url.substring(1, url.length() - 1);
      }
      if (url.startsWith("https://") || url.startsWith("http://")) {
        return Optional.of(url);
      }
    }
    return Optional.empty();
  }

  /** The address of a recipient field: {@code rfc822; ann@example.com} or {@code <ann@…>}. */
  static String address(String field) {
    if (field == null) {
      return null;
    }
    String value = field.strip();
    int semicolon = value.indexOf(';');
    if (semicolon >= 0) {
      value = value.substring(semicolon + 1).strip();
    }
    int open = value.lastIndexOf('<');
    int close = value.lastIndexOf('>');
    if (open >= 0 && close > open) {
      value = value.substring(open + 1, close);
    }
    return value.isEmpty() ? null : value;
  }
}
