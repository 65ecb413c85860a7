package dev.inference.inferd.internal;

import dev.inference.FinishReason;
import dev.inference.InferenceException;
import dev.inference.JsonValue;
import dev.inference.Usage;
import dev.inference.kit.Redactor;
import dev.inference.kit.ResponseSink;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the response frames of one request into a {@link ResponseSink}: {@code token} adds text,
 * {@code done} ends the answer (full content, usage, stop reason), {@code error} fails it; frames
 * for another id, {@code status} frames and frame types this driver does not know are ignored, as
 * protocol v1 asks of clients. A {@code done} frame's {@code backend} names the daemon's backend
 * for its own diagnostics and is not read.
 */
final class FrameDecoder {

  /** The logger, made on first use: a decoder that never logs never starts a logging back-end. */
  private static final class Log {

    static final System.Logger LOG = System.getLogger(FrameDecoder.class.getName());
  }

  private final String requestId;
  private final String providerName;
  private final Redactor redactor;
  private boolean sawToken;

  FrameDecoder(String requestId, String providerName, Redactor redactor) {
    this.requestId = requestId;
    this.providerName = providerName;
    this.redactor = redactor;
  }

  /**
   * Reads one frame.
   *
   * @param frame the parsed frame
   * @param sink where the answer goes
   * @return whether the frame ended the request ({@code done})
   * @throws InferenceException for an {@code error} frame, with the partial text
   */
  boolean frame(InferdFrame frame, ResponseSink sink) {
    if (!frame.id().isEmpty() && !frame.id().equals(requestId)) {
      return false; // another request's frame, or the daemon's "admin" status
    }
    switch (frame.type()) {
      case "token":
        sawToken = true;
        sink.text(frame.content());
        return false;
      case "done":
        done(frame, sink);
        return true;
      case "error":
        throw InferdErrors.fromFrame(frame.rest(), providerName, requestId, redactor, sink.text());
      case "status":
        Log.LOG.log(
            System.Logger.Level.DEBUG,
            () ->
                providerName + " status during request " + requestId + ": " + frame.text("status"));
        return false;
      default:
        return false; // a later protocol's frame type: ignored, as v1 asks
    }
  }

  private void done(InferdFrame frame, ResponseSink sink) {
    String content = frame.content();
    if (!sawToken) {
      sink.text(content); // a non-streamed answer, or a daemon that sent only the whole text
    }
    // plain code, not Optional's lambdas: this runs once per call
    Optional<JsonValue> usage = frame.rest().get("usage");
    if (usage.isPresent()) {
      sink.usage(
          Usage.fromCounts(
              count(usage.get(), "prompt_tokens"), count(usage.get(), "completion_tokens")));
    }
    Optional<String> stop = text(frame, "stop_reason");
    if (stop.isPresent()) {
      sink.finishReason(stopReason(stop.get()));
    }
    // "backend" is the daemon's diagnostic, not read: logging it per answer made every client's
    // first answer start the logging back-end (about 8 ms of a cold start, bench/notes.md)
    sink.complete();
  }

  private static Optional<String> text(InferdFrame frame, String name) {
    Optional<JsonValue> value = frame.rest().get(name);
    return value.isPresent() ? value.get().asString() : Optional.empty();
  }

  /**
   * Protocol v1's stop reasons: {@code end} and {@code length}, {@code cancelled} (the client went
   * away) kept raw as OTHER, {@code error} (aborted, the partial output in {@code content}).
   */
  static FinishReason stopReason(String raw) {
    switch (raw) {
      case "end":
        return new FinishReason(FinishReason.Kind.STOP, raw);
      case "length":
        return new FinishReason(FinishReason.Kind.LENGTH, raw);
      case "error":
        return new FinishReason(FinishReason.Kind.ERROR, raw);
      default:
        return new FinishReason(FinishReason.Kind.OTHER, raw);
    }
  }

  private static OptionalLong count(JsonValue usage, String name) {
    OptionalLong value = usage.get(name).map(JsonValue::asLong).orElse(OptionalLong.empty());
    return value.isPresent() && value.getAsLong() >= 0 ? value : OptionalLong.empty();
  }
}
