package dev.kairos.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive connection, for one sender thread: it writes
 * a request built beforehand (see {@link Target#post}) in one write and reads the whole answer, so
 * that the load generator spends next to no CPU per batch. It reads bodies framed by {@code
 * Content-Length} (what Javalin/Jetty send for the ingest API's JSON answers), by {@code
 * Transfer-Encoding: chunked}, or by the end of the connection; it connects again after the server
 * closed the connection, after an error, and before a request when the connection has been idle
 * long enough for the server to have closed it.
 */
final class HttpConnection implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int READ_TIMEOUT_MILLIS = 60_000;
  private static final long MAX_IDLE_NANOS = 5_000_000_000L;
  private static final int MAX_LINE = 16_384;

  /** Where requests go and how they authenticate. */
  record Target(String host, int port, String writeKey) {
    /** A complete {@code POST} of {@code json} to {@code path}: head and body, ready to write. */
    byte[] post(String path, byte[] json) {
      String authorization =
          Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
      byte[] head =
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + ":"
                  + port
                  + "\r\nAuthorization: Basic "
                  + authorization
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + json.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[head.length + json.length];
      System.arraycopy(head, 0, request, 0, head.length);
      System.arraycopy(json, 0, request, head.length, json.length);
      return request;
    }
  }

  /** An answer: its status and its body as text. */
  record Response(int status, String body) {
    boolean successful() {
      return status / 100 == 2;
    }
  }

  private final Target target;
  private final byte[] line = new byte[MAX_LINE];
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private long lastUsed;
  private long connects;

  HttpConnection(Target target) {
    this.target = target;
  }

  /**
   * Writes {@code request} and reads the answer in full. On an I/O error the connection is closed
   * (the next exchange connects again) and the error is thrown.
   */
  Response exchange(byte[] request) throws IOException {
    if (socket != null && System.nanoTime() - lastUsed > MAX_IDLE_NANOS) {
      close();
    }
    if (socket == null) {
      connect();
    }
    try {
      out.write(request);
      out.flush();
      Response response = read();
      lastUsed = System.nanoTime();
      return response;
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** How many times this connection was opened: 1 unless the server closed it or an error did. */
  long connects() {
    return connects;
  }

  @Override
  public void close() {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    socket = null;
    in = null;
    out = null;
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout(READ_TIMEOUT_MILLIS);
      s.connect(new InetSocketAddress(target.host(), target.port()), CONNECT_TIMEOUT_MILLIS);
      in = new BufferedInputStream(s.getInputStream(), 8_192);
      out = s.getOutputStream();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    connects++;
  }

  /** Reads one answer (skipping interim 1xx answers); closes the connection if it ends with it. */
  private Response read() throws IOException {
    while (true) {
      String statusLine = readLine();
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not an HTTP status line: " + statusLine);
      }
      int status = Integer.parseInt(parts[1]);
      boolean keepAlive = !parts[0].equals("HTTP/1.0");
      long contentLength = -1;
      boolean chunked = false;
      for (String header = readLine(); !header.isEmpty(); header = readLine()) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        switch (name) {
          case "content-length" -> contentLength = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.endsWith("chunked");
          case "connection" ->
              keepAlive = value.contains("keep-alive") || (keepAlive && !value.contains("close"));
          default -> {}
        }
      }
      if (status / 100 == 1) {
        continue;
      }
      String body;
      if (status == 204 || status == 304) {
        body = "";
      } else if (chunked) {
        body = readChunked();
      } else if (contentLength >= 0) {
        body = new String(readExactly((int) contentLength), StandardCharsets.UTF_8);
      } else {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        keepAlive = false;
      }
      if (!keepAlive) {
        close();
      }
      return new Response(status, body);
    }
  }

  private String readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailers
        }
        return body.toString(StandardCharsets.UTF_8);
      }
      body.write(readExactly(size));
      if (!readLine().isEmpty()) {
        throw new IOException("a chunk does not end with CRLF");
      }
    }
  }

  private byte[] readExactly(int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException(
          "the connection closed after " + bytes.length + " of " + length + " body bytes");
    }
    return bytes;
  }

  /** A line without its CRLF (or LF), as ISO-8859-1. */
  private String readLine() throws IOException {
    int length = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(
            length == 0
                ? "the server closed the connection"
                : "the connection closed inside a line");
      }
      if (b == '\n') {
        if (length > 0 && line[length - 1] == '\r') {
          length--;
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (length == line.length) {
        throw new IOException("a response line is longer than " + MAX_LINE + " bytes");
      }
      line[length++] = (byte) b;
    }
  }
}
