package dev.inference.stub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The admin socket of an inferd stub (Unix only, mode 0600): it plays the scripted lifecycle, one
 * step per delay, and sends each connected reader the current status on connect, then every change.
 * A reader that falls 256 frames behind gets EOF; on stop every reader gets {@code draining}, then
 * EOF. Each status passes a hook first, which binds the inference socket on {@code ready} before
 * anyone hears of it.
 */
final class AdminLifecycle implements AutoCloseable {

  private static final int QUEUE = 256;
  private static final byte[] EOF = new byte[0];

  private final Path path;
  private final Consumer<AdminStatus> hook;
  private final Closing closing = new Closing();
  private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
  private final ServerSocketChannel server;
  private byte[] current;
  private boolean stopped;

  private AdminLifecycle(Path path, Consumer<AdminStatus> hook) throws IOException {
    this.path = path;
    this.hook = hook;
    this.current = InferdWire.status(AdminStatus.of("starting"));
    this.server = UnixSockets.bind(path, "rw-------");
    UnixSockets.thread("inference-stub-inferd-admin", this::accept);
  }

  /**
   * Binds the admin socket and plays the lifecycle: at once when there is no delay (the steps have
   * run when this returns), else on a thread of its own.
   */
  static AdminLifecycle start(
      Path path, List<AdminStatus> steps, Duration delay, Consumer<AdminStatus> hook)
      throws IOException {
    AdminLifecycle admin = new AdminLifecycle(path, hook);
    Runnable play =
        () -> {
          for (int i = 0; i < steps.size(); i++) {
            if (i > 0 && !delay.isZero() && admin.closing.await(delay)) {
              return;
            }
            admin.publish(steps.get(i));
          }
        };
    if (delay.isZero()) {
      play.run();
    } else {
      UnixSockets.thread("inference-stub-inferd-lifecycle", play);
    }
    return admin;
  }

  Path path() {
    return path;
  }

  /** Makes this the current status and sends it to every reader; nothing after {@link #close}. */
  synchronized void publish(AdminStatus status) {
    if (stopped) {
      return;
    }
    hook.accept(status);
    current = InferdWire.status(status);
    for (Reader reader : readers) {
      reader.offer(current);
    }
  }

  private void accept() {
    try {
      while (true) {
        SocketChannel channel = server.accept();
        Reader reader = new Reader(channel);
        synchronized (this) {
          if (stopped) {
            reader.offer(EOF);
          } else {
            reader.offer(current);
            readers.add(reader);
          }
        }
        UnixSockets.thread("inference-stub-inferd-admin-reader", reader::run);
      }
    } catch (IOException | RuntimeException stoppedListening) {
      // the socket was closed
    }
  }

  /** Sends {@code draining} and then EOF to every reader, and removes the socket. */
  @Override
  public void close() {
    closing.signal();
    synchronized (this) {
      if (stopped) {
        return;
      }
      publish(AdminStatus.of(AdminStatus.DRAINING));
      stopped = true;
      readers.forEach(reader -> reader.offer(EOF));
      readers.clear();
    }
    try {
      server.close();
    } catch (IOException ignored) {
      // closed anyway
    }
    UnixSockets.delete(path);
  }

  /** One connected reader and the frames it has yet to get. */
  private final class Reader {
    private final SocketChannel channel;
    private final BlockingQueue<byte[]> frames = new ArrayBlockingQueue<>(QUEUE + 1);

    Reader(SocketChannel channel) {
      this.channel = channel;
    }

    /** Queues a frame; a reader 256 frames behind is cut off with EOF. */
    void offer(byte[] frame) {
      if (frame != EOF && frames.size() >= QUEUE) {
        readers.remove(this);
        frames.clear();
        frames.add(EOF);
        return;
      }
      frames.offer(frame);
    }

    void run() {
      try {
        for (byte[] frame = frames.take(); frame != EOF; frame = frames.take()) {
          ByteBuffer buffer = ByteBuffer.wrap(frame);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        }
      } catch (IOException | InterruptedException gone) {
        readers.remove(this);
      } finally {
        try {
          channel.close();
        } catch (IOException ignored) {
          // closed anyway
        }
      }
    }
  }
}
