package dev.inference.kit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A push decoder for {@code text/event-stream} bodies that follows the WHATWG HTML "event stream
 * interpretation" rules.
 *
 * <ul>
 *   <li>Lines end in LF, CRLF or a lone CR; a CR/LF pair split across two {@link #feed} calls is
 *       one line end. A leading UTF-8 BOM is dropped.
 *   <li>Bytes are decoded as UTF-8 only after the lines are split, so a chunk may end anywhere,
 *       including inside a multi-byte character.
 *   <li>Lines starting with {@code :} are comments. {@code field:value} splits at the first colon
 *       and drops one leading space of the value; a line with no colon is a field with an empty
 *       value. {@code data} lines are joined with {@code "\n"}; {@code event} sets the type; {@code
 *       id} sets the last event id (ignored if it contains NUL; an empty id clears it); {@code
 *       retry} takes ASCII digits only. Other fields, llama.cpp's legacy {@code error:} among them,
 *       are ignored.
 *   <li>A blank line dispatches the event to the sink, unless no {@code data} line was seen; either
 *       way the event type resets. At the end of input an undispatched event and an incomplete line
 *       are discarded.
 *   <li>A line longer than the limit, or an event whose data grows past it, fails fast with {@link
 *       dev.inference.ErrorKind#MALFORMED_RESPONSE}; nothing beyond the limit is ever buffered.
 * </ul>
 *
 * <p>Not thread-safe: one decoder per response body. Exceptions thrown by the sink propagate out of
 * {@link #feed}; after any exception the decoder should be dropped.
 *
 * @since 0.2
 */
public final class SseDecoder {

  /** The default bound on one line and on one event's data: 16 MiB. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

  private static final byte[] DATA = ascii("data");
  private static final byte[] EVENT = ascii("event");
  private static final byte[] ID = ascii("id");
  private static final byte[] RETRY = ascii("retry");

  /** Receives one dispatched event with its data undecoded. */
  @FunctionalInterface
  public interface RawEventSink {
    /**
     * Receives one event.
     *
     * @param type the event type
     * @param data the data lines joined with LF, as UTF-8; valid only during the call
     * @param length how many bytes of {@code data} are the event's
     * @param id the last event id, or {@code null}
     */
    void event(String type, byte[] data, int length, @Nullable String id);
  }

  private final int maxEventBytes;
  private final RawEventSink sink;
  private final LineSplitter splitter;

  /** The data lines so far, each followed by LF. */
  private byte[] data = new byte[0];

  private int dataLength;
  private @Nullable String eventType;
  private @Nullable String lastEventIdBuffer;
  private @Nullable String lastEventId;
  private long retryMillis = -1;

  /**
   * A decoder that sends each dispatched event to {@code sink}.
   *
   * @param maxEventBytes the longest line and the largest event data accepted, in bytes; {@link
   *     #DEFAULT_MAX_EVENT_BYTES} unless configured
   * @param sink receives each event, on the thread that calls {@link #feed}
   * @throws IllegalArgumentException if {@code maxEventBytes} is not positive
   */
  public SseDecoder(int maxEventBytes, Consumer<SseEvent> sink) {
    this(decoding(Objects.requireNonNull(sink, "sink")), maxEventBytes);
  }

  private SseDecoder(RawEventSink sink, int maxEventBytes) {
    this.maxEventBytes = LineSplitter.checkLimit(maxEventBytes, "maxEventBytes");
    this.sink = sink;
    this.splitter = new LineSplitter(maxEventBytes, true, "an SSE event", this::line);
  }

  /**
   * A decoder that hands each event's data to {@code sink} undecoded, for a JSON parser that reads
   * UTF-8 bytes itself: no string per event.
   *
   * @param maxEventBytes the longest line and the largest event data accepted, in bytes
   * @param sink receives each event
   * @return the decoder
   */
  public static SseDecoder ofBytes(int maxEventBytes, RawEventSink sink) {
    return new SseDecoder(Objects.requireNonNull(sink, "sink"), maxEventBytes);
  }

  private static RawEventSink decoding(Consumer<SseEvent> sink) {
    return (type, data, length, id) -> sink.accept(new SseEvent(type, decode(data, 0, length), id));
  }

  /**
   * Decodes the next bytes of the body; complete events go to the sink before this returns.
   *
   * @param bytes the buffer
   * @param offset where the new bytes start
   * @param length how many bytes
   * @throws dev.inference.InferenceException of kind {@code MALFORMED_RESPONSE} when a line or an
   *     event exceeds the limit
   * @throws IllegalStateException after {@link #finish()}
   */
  public void feed(byte[] bytes, int offset, int length) {
    splitter.feed(bytes, offset, length);
  }

  /** Ends the input: an incomplete line and an undispatched event are discarded. Idempotent. */
  public void finish() {
    splitter.finish(false);
    dataLength = 0;
    eventType = null;
  }

  /**
   * The last event id as of the last dispatch (a blank line), for a {@code Last-Event-ID} header.
   *
   * @return the id, or {@code null} when none was set
   */
  public @Nullable String lastEventId() {
    return lastEventId;
  }

  /**
   * The reconnection time the server asked for in its last valid {@code retry:} field.
   *
   * @return the milliseconds, or empty when none was sent
   */
  public OptionalLong retryMillis() {
    return retryMillis < 0 ? OptionalLong.empty() : OptionalLong.of(retryMillis);
  }

  /** The bytes this decoder holds, for tests: at most twice the limit, plus one. */
  int capacity() {
    return splitter.capacity() + data.length;
  }

  private void line(byte[] bytes, int offset, int length) {
    if (length == 0) {
      dispatch();
      return;
    }
    if (bytes[offset] == ':') {
      return;
    }
    int end = offset + length;
    int colon = offset;
    while (colon < end && bytes[colon] != ':') {
      colon++;
    }
    int nameLength = colon - offset;
    int valueStart = Math.min(colon + 1, end);
    if (valueStart < end && bytes[valueStart] == ' ') {
      valueStart++;
    }
    int valueLength = end - valueStart;
    if (is(DATA, bytes, offset, nameLength)) {
      appendData(bytes, valueStart, valueLength);
    } else if (is(EVENT, bytes, offset, nameLength)) {
      eventType = decode(bytes, valueStart, valueLength);
    } else if (is(ID, bytes, offset, nameLength)) {
      if (!containsNul(bytes, valueStart, valueLength)) {
        lastEventIdBuffer = valueLength == 0 ? null : decode(bytes, valueStart, valueLength);
      }
    } else if (is(RETRY, bytes, offset, nameLength)) {
      retry(bytes, valueStart, valueLength);
    }
  }

  private void appendData(byte[] bytes, int offset, int length) {
    if ((long) dataLength + length > maxEventBytes) {
      throw splitter.frameTooBig();
    }
    int needed = dataLength + length + 1;
    data = LineSplitter.ensureCapacity(data, needed, maxEventBytes + 1);
    System.arraycopy(bytes, offset, data, dataLength, length);
    dataLength += length;
    data[dataLength++] = '\n';
  }

  private void retry(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return;
    }
    long value = 0;
    for (int i = offset; i < offset + length; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        return;
      }
      if (value > (Long.MAX_VALUE - digit) / 10) {
        return;
      }
      value = value * 10 + digit;
    }
    retryMillis = value;
  }

  private void dispatch() {
    lastEventId = lastEventIdBuffer;
    String type = eventType == null || eventType.isEmpty() ? "message" : eventType;
    eventType = null;
    if (dataLength == 0) {
      return;
    }
    int length = dataLength - 1; // without the LF after the last data line
    dataLength = 0;
    sink.event(type, data, length, lastEventId);
  }

  private static boolean is(byte[] name, byte[] bytes, int offset, int length) {
    if (length != name.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[offset + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsNul(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static String decode(byte[] bytes, int offset, int length) {
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
