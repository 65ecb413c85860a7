package dev.inference.stub;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What identifies one answer on the wire: the completion or message id, the creation instant (Unix
 * seconds for OpenAI, RFC 3339 for Ollama) and the request id sent as a header ({@code
 * x-request-id} for OpenAI, {@code request-id} for Anthropic). A reply can script each of them.
 *
 * @param id the id, {@code chatcmpl-...} or {@code msg_...}
 * @param created the creation instant
 * @param requestId the request id, {@code req_...}
 */
record Stamp(String id, Instant created, String requestId) {

  /**
   * The stamp of the {@code n}th answer of a server, at an instant, unless the reply scripts it.
   */
  static Stamp of(Reply reply, Dialect dialect, long n, Instant now) {
    String generated =
        (dialect == Dialect.ANTHROPIC ? AnthropicWire.ID + "_" : Wire.ID + "-")
            + String.format(java.util.Locale.ROOT, "%08x", n);
    return new Stamp(
        reply.parts().id().orElse(generated), reply.parts().created().orElse(now), requestId(n));
  }

  /** The request id of the {@code n}th answer, {@code req_stub} and 24 hex digits. */
  static String requestId(long n) {
    return String.format(java.util.Locale.ROOT, "req_stub%024x", n);
  }

  /** {@code created} in Unix seconds. */
  long epochSecond() {
    return created.getEpochSecond();
  }

  /** {@code created_at} in RFC 3339, in UTC, to the microsecond as Ollama's Go time prints it. */
  String createdAt() {
    return created.truncatedTo(ChronoUnit.MICROS).toString();
  }

  /** Whether the bytes of an answer with this stamp can be kept for the next request. */
  boolean cacheable(Reply reply) {
    return reply.parts().id().isPresent() && reply.parts().created().isPresent();
  }

  /** The part of an encoding cache key that depends on the stamp. */
  String key() {
    return id + "/" + created;
  }
}
