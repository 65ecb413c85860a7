package dev.inference.stub;

import dev.inference.JsonValue;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which {@link Reply} answers a chat request: the next scripted one, else the responder's, else the
 * fixed one, else the {@linkplain DefaultReplies default reply}.
 */
final class ReplyScript {

  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private volatile @Nullable Reply always;
  private volatile @Nullable Function<RecordedRequest, @Nullable Reply> responder;

  void add(Reply reply) {
    script.add(Objects.requireNonNull(reply, "reply"));
  }

  void always(Reply reply) {
    this.always = reply;
  }

  void responder(Function<RecordedRequest, @Nullable Reply> responder) {
    this.responder = responder;
  }

  /** How many scripted replies wait. */
  int size() {
    return script.size();
  }

  /** Forgets the script, the fixed reply and the responder. */
  void clear() {
    script.clear();
    always = null;
    responder = null;
  }

  /** The reply to a chat request, whose body is {@code json}. */
  Reply next(RecordedRequest request, JsonValue json, Dialect dialect) {
    Reply reply = script.poll();
    Function<RecordedRequest, @Nullable Reply> scripted = responder;
    if (reply == null && scripted != null) {
      reply = scripted.apply(request);
    }
    if (reply == null) {
      Reply fixed = always;
      reply = fixed != null ? fixed : DefaultReplies.of(json, dialect);
    }
    return reply;
  }
}
