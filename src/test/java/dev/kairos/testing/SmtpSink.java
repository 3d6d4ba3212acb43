package dev.kairos.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server that keeps nothing but who each accepted message was for, and answers
 * recipients by their local part: {@code soft…@} gets {@code 451} (try later), {@code hard…@} gets
 * {@code 550} (never). It counts connections, so tests can see them reused.
 */
public final class SmtpSink implements AutoCloseable {
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<String> accepted = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean closing;

  public SmtpSink() throws IOException {
    server = new ServerSocket(0);
    threads.execute(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The recipient of every message accepted, in order. */
  public List<String> accepted() {
    return List.copyOf(accepted);
  }

  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!closing) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        threads.execute(() -> converse(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket socket) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream()) {
      reply(out, "220 sink ready");
      String recipient = null;
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
        switch (command) {
          case "EHLO", "HELO" -> reply(out, "250 sink");
          case "MAIL" -> {
            recipient = null;
            reply(out, "250 ok");
          }
          case "RCPT" -> {
            String to = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
            if (to.startsWith("soft")) {
              reply(out, "451 4.3.0 try again later");
            } else if (to.startsWith("hard")) {
              reply(out, "550 5.1.1 no such user");
            } else {
              recipient = to;
              reply(out, "250 ok");
            }
          }
          case "DATA" -> {
            reply(out, "354 go on");
            while ((line = in.readLine()) != null && !line.equals(".")) {
              // the message itself is not kept
            }
            accepted.add(recipient);
            reply(out, "250 queued");
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "250 ok");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    closing = true;
    server.close();
    threads.shutdownNow();
  }
}
