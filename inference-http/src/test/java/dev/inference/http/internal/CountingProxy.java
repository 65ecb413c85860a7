package dev.inference.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback TCP proxy that counts the client connections still open through it. */
public final class CountingProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();

  /**
   * Starts a proxy to a loopback port.
   *
   * @param targetPort the port to forward to
   * @throws IOException if the listener cannot start
   */
  public CountingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "counting-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Connections opened by clients and not yet closed. */
  public int open() {
    return open.get();
  }

  /** Connections opened by clients so far. */
  public int accepted() {
    return accepted.get();
  }

  /**
   * Waits until a connection closes, at most {@code millis}; returns at once when none is open.
   *
   * @param millis the longest wait
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public synchronized void awaitAClose(long millis) throws InterruptedException {
    if (open.get() > 0) {
      wait(millis);
    }
  }

  private synchronized void closedOne() {
    open.decrementAndGet();
    notifyAll();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.incrementAndGet();
        accepted.incrementAndGet();
        AtomicInteger halves = new AtomicInteger(2);
        Runnable closed =
            () -> {
              if (halves.decrementAndGet() == 0) {
                closedOne();
              }
            };
        pump(client, upstream, closed);
        pump(upstream, client, closed);
      } catch (IOException stopped) {
        return;
      }
    }
  }

  /** Copies one direction; when it ends, both sockets close. */
  private static void pump(Socket from, Socket to, Runnable closed) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException ended) {
                // one side went away
              } finally {
                try {
                  from.close();
                  to.close();
                } catch (IOException ignored) {
                  // already closed
                }
                closed.run();
              }
            },
            "counting-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
