package dev.inference.stub;

import dev.inference.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One inferd connection: a reader takes the optional auth frame and the request frames (checked,
 * recorded, queued by id), a worker answers the queued requests one at a time from the script, as
 * the daemon's single generation slot does. The end of the client's input means the client is gone:
 * the job under way and the queued ones are cancelled and recorded so, and the connection closes.
 * Jobs ended by the server closing are not recorded as cancelled.
 */
final class InferdSession {

  /** What every connection of an endpoint shares. */
  record Settings(
      @Nullable String key,
      int maxFrameBytes,
      ReplyScript script,
      Consumer<RecordedRequest> recorder,
      Consumer<RecordedRequest> cancelled) {}

  private enum Outcome {
    ANSWERED,
    CANCELLED,
    CLOSE,
    DROP
  }

  private record Job(String id, JsonValue json, RecordedRequest request) {}

  private static final Job END =
      new Job("", JsonValue.ofNull(), new RecordedRequest("END", "", Map.of(), ""));

  private final SocketChannel channel;
  private final boolean tcp;
  private final Settings settings;
  private final Object writing = new Object();
  private final CountDownLatch gone = new CountDownLatch(1);
  private volatile boolean aborted;
  private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
  private final Runnable ended;

  InferdSession(SocketChannel channel, boolean tcp, Settings settings, Runnable ended) {
    this.channel = channel;
    this.tcp = tcp;
    this.settings = settings;
    this.ended = ended;
  }

  void start(String name) {
    UnixSockets.thread(name + "-read", this::read);
    UnixSockets.thread(name + "-answer", this::answer);
  }

  /** Ends the connection at once (the server closes). */
  void abort() {
    aborted = true;
    gone.countDown();
    close();
  }

  // --- reading ---

  private void read() {
    boolean closeNow = false;
    try {
      InferdFrames frames = new InferdFrames(channel, settings.maxFrameBytes());
      String key = settings.key();
      if (key != null && !authenticated(frames.next(), key)) {
        closeNow = true; // silently, as the daemon does
        return;
      }
      boolean first = key == null;
      for (byte[] frame = frames.next(); frame != null; frame = frames.next()) {
        String text = new String(frame, StandardCharsets.UTF_8);
        if (!text.isBlank()) {
          accept(text, first);
          first = false;
        }
      }
    } catch (InferdFrames.TooLarge tooLarge) {
      write(InferdWire.error("", "frame_too_large", tooLarge.getMessage()));
      closeNow = true;
    } catch (IOException | RuntimeException broken) {
      // the connection broke or was closed
    } finally {
      gone.countDown();
      jobs.add(END);
      if (closeNow) {
        close();
      }
    }
  }

  private static boolean authenticated(byte @Nullable [] frame, String key) {
    if (frame == null) {
      return false;
    }
    try {
      JsonValue auth = JsonValue.parse(new String(frame, StandardCharsets.UTF_8));
      String given = auth.get("key").flatMap(JsonValue::asString).orElse("");
      return auth.get("type").flatMap(JsonValue::asString).orElse("").equals("auth")
          && MessageDigest.isEqual(
              key.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notJson) {
      return false;
    }
  }

  private void accept(String text, boolean first) {
    JsonValue json;
    try {
      json = JsonValue.parse(text);
    } catch (IllegalArgumentException notJson) {
      settings.recorder().accept(recorded(text));
      write(
          InferdWire.error(
              "", "invalid_request", "the frame is not JSON: " + notJson.getMessage()));
      return;
    }
    if (first && json.get("type").flatMap(JsonValue::asString).orElse("").equals("auth")) {
      return; // no key is configured: an auth frame is let through
    }
    RecordedRequest request = recorded(text);
    settings.recorder().accept(request);
    if (!(json instanceof JsonValue.ObjectValue)) {
      write(InferdWire.error("", "invalid_request", "a request frame must be a JSON object"));
      return;
    }
    String id = json.get("id").flatMap(JsonValue::asString).orElse("");
    var problem = InferdRequests.problem(json);
    if (problem.isPresent()) {
      write(InferdWire.error(id, "invalid_request", problem.get()));
      return;
    }
    jobs.add(new Job(id, json, request));
  }

  private static RecordedRequest recorded(String frame) {
    return new RecordedRequest("FRAME", Dialect.INFERD.chatPath(), Map.of(), frame);
  }

  // --- answering ---

  private void answer() {
    try {
      for (Job job = jobs.take(); job != END; job = jobs.take()) {
        Outcome outcome = isGone() ? Outcome.CANCELLED : answer(job);
        if (outcome == Outcome.CANCELLED && !aborted) {
          settings.cancelled().accept(job.request());
        } else if (outcome == Outcome.DROP) {
          drop();
          return;
        } else if (outcome == Outcome.CLOSE) {
          return;
        }
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      close();
      ended.run();
    }
  }

  private Outcome answer(Job job) {
    Reply reply = settings.script().next(job.request(), job.json(), Dialect.INFERD);
    return switch (reply.parts().kind()) {
      case ERROR -> {
        String[] codeAndMessage = InferdWire.codeAndMessage(reply);
        yield sent(InferdWire.error(job.id(), codeAndMessage[0], codeAndMessage[1]));
      }
      case STALL -> {
        if (reply.parts().delay().isZero()) {
          await(null);
          yield Outcome.CANCELLED;
        }
        yield await(reply.parts().delay()) ? Outcome.CANCELLED : Outcome.CLOSE;
      }
      case DROP -> Outcome.DROP;
      case CONTENT -> content(job, reply);
    };
  }

  private Outcome content(Job job, Reply reply) {
    boolean stream = job.json().get("stream").orElse(null) != JsonValue.BooleanValue.FALSE;
    if (stream) {
      Duration pause = reply.parts().delay();
      for (long r = 0; r < reply.parts().repeat(); r++) {
        for (String delta : reply.parts().deltas()) {
          if (pause.isZero() ? isGone() : await(pause)) {
            return Outcome.CANCELLED;
          }
          if (!write(InferdWire.token(job.id(), delta))) {
            return Outcome.CANCELLED;
          }
        }
      }
      switch (reply.parts().ending()) {
        case FINISH -> {}
        case STALL -> {
          await(null);
          return Outcome.CANCELLED;
        }
        case TRUNCATE -> {
          return Outcome.CLOSE; // EOF without a terminal frame
        }
        case DROP -> {
          return Outcome.DROP;
        }
        case ERROR -> {
          return sent(InferdWire.error(job.id(), "internal", reply.parts().errorMessage()));
        }
      }
    }
    long promptWords = DefaultReplies.promptWords(job.json());
    synchronized (writing) {
      ByteArrayOutputStream done = new ByteArrayOutputStream();
      done.writeBytes(InferdWire.doneHead(job.id()));
      for (long r = 0; r < reply.parts().repeat(); r++) {
        for (String delta : reply.parts().deltas()) {
          done.writeBytes(Wire.bytes(Wire.escaped(delta)));
          if (done.size() >= 16 * 1024) {
            if (!write(done.toByteArray())) {
              return Outcome.CANCELLED;
            }
            done.reset();
          }
        }
      }
      done.writeBytes(InferdWire.doneTail(reply, promptWords));
      return sent(done.toByteArray());
    }
  }

  private Outcome sent(byte[] frame) {
    return write(frame) ? Outcome.ANSWERED : Outcome.CANCELLED;
  }

  private boolean isGone() {
    return gone.getCount() == 0;
  }

  /** Waits until the client is gone, or for the pause; whether the client is gone. */
  private boolean await(@Nullable Duration pause) {
    try {
      if (pause == null) {
        gone.await();
        return true;
      }
      return gone.await(pause.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /**
   * Writes whole frames under one lock; {@code false} (and the client counts as gone) on failure.
   */
  private boolean write(byte[] bytes) {
    synchronized (writing) {
      try {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        return true;
      } catch (IOException | RuntimeException failed) {
        gone.countDown();
        return false;
      }
    }
  }

  /** Closes so the client sees a reset where the transport has one (TCP), else a plain EOF. */
  private void drop() {
    if (tcp) {
      try {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException | RuntimeException ignored) {
        // a plain close then
      }
    }
    close();
  }

  private void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closed anyway
    }
  }
}
