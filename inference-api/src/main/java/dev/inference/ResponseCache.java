package dev.inference;

import dev.inference.spi.InferenceStreams;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Middleware} that keeps answers in memory and gives them again for the same request: a
 * bounded cache, least recently used out first, keyed by the canonical request (its conversation,
 * response format, tools and settings; not its request id, timeout or this cache's mark).
 *
 * <pre>{@code
 * ResponseCache cache = ResponseCache.inMemory(1_000);
 * InferenceClient client = Inference.wrap(connected, cache);
 * client.infer(ResponseCache.cacheable(request));     // asks the provider
 * client.infer(ResponseCache.cacheable(request));     // answered from memory
 * }</pre>
 *
 * <p>Only a request marked {@linkplain #cacheable cacheable}, or one with a temperature of 0, is
 * cached: any other may rightly get a different answer each time. An answer from the cache carries
 * the request id of the request it answers. A stream of a cached answer is replayed as events (the
 * deltas the provider streamed, else the reasoning and the text as one delta each), then its {@code
 * Completed}; a stream is cached once it completed, never when it failed or was closed early.
 *
 * @since 0.2
 */
public final class ResponseCache implements Middleware {

  /** The metadata key that marks a request cacheable ({@link #cacheable}). */
  public static final String CACHEABLE_METADATA = "inference.cacheable";

  private final int maxEntries;
  private final Map<Key, Entry> entries;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  private ResponseCache(int maxEntries) {
    this.maxEntries = maxEntries;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > ResponseCache.this.maxEntries;
          }
        };
  }

  /**
   * A cache of at most {@code maxEntries} answers.
   *
   * @param maxEntries at least 1
   * @return the cache, empty
   * @throws IllegalArgumentException if {@code maxEntries} is below 1
   */
  public static ResponseCache inMemory(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1, but was " + maxEntries);
    }
    return new ResponseCache(maxEntries);
  }

  /**
   * The request, marked as one whose answer may be cached ({@link #CACHEABLE_METADATA} set to
   * {@code true}).
   *
   * @param request the request
   * @return the marked request, with the same request id
   */
  public static InferenceRequest cacheable(InferenceRequest request) {
    return request.toBuilder()
        .requestId(request.requestId())
        .metadata(CACHEABLE_METADATA, JsonValue.of(true))
        .build();
  }

  /**
   * Whether this cache keeps the answer to the request: it is marked cacheable, or its temperature
   * is 0.
   *
   * @param request the request
   * @return {@code true} when its answer is cached
   */
  public static boolean isCacheable(InferenceRequest request) {
    OptionalDouble temperature = request.temperature();
    return JsonValue.of(true).equals(request.metadata().get(CACHEABLE_METADATA))
        || (temperature.isPresent() && temperature.getAsDouble() == 0.0);
  }

  /**
   * How many calls were answered from the cache.
   *
   * @return the count
   */
  public long hits() {
    return hits.get();
  }

  /**
   * How many cacheable calls were not in the cache.
   *
   * @return the count
   */
  public long misses() {
    return misses.get();
  }

  /**
   * How many answers the cache holds.
   *
   * @return the count, at most the bound
   */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Forgets every answer. */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  @Override
  public String name() {
    return "ResponseCache";
  }

  @Override
  public InferenceResponse wrapInfer(InferenceRequest request, Next<InferenceResponse> next) {
    if (!isCacheable(request)) {
      return next.call(request);
    }
    Key key = Key.of(request);
    Optional<Entry> cached = lookup(key);
    if (cached.isPresent()) {
      return cached.get().response(request);
    }
    InferenceResponse response = next.call(request);
    store(key, new Entry(response, List.of()));
    return response;
  }

  @Override
  public CompletableFuture<InferenceResponse> wrapInferAsync(
      InferenceRequest request, Next<CompletableFuture<InferenceResponse>> next) {
    if (!isCacheable(request)) {
      return next.call(request);
    }
    Key key = Key.of(request);
    Optional<Entry> cached = lookup(key);
    if (cached.isPresent()) {
      return CompletableFuture.completedFuture(cached.get().response(request));
    }
    return next.call(request)
        .thenApply(
            response -> {
              store(key, new Entry(response, List.of()));
              return response;
            });
  }

  @Override
  public InferenceStream wrapStream(InferenceRequest request, Next<InferenceStream> next) {
    if (!isCacheable(request)) {
      return next.call(request);
    }
    Key key = Key.of(request);
    Optional<Entry> cached = lookup(key);
    if (cached.isPresent()) {
      return InferenceStreams.of(cached.get().replay(request).iterator(), () -> {});
    }
    InferenceStream inner = next.call(request);
    Iterator<StreamEvent> events = inner.iterator();
    List<StreamEvent> deltas = new ArrayList<>();
    return InferenceStreams.of(
        new Iterator<StreamEvent>() {
          @Override
          public boolean hasNext() {
            return events.hasNext();
          }

          @Override
          public StreamEvent next() {
            StreamEvent event = events.next();
            if (event instanceof StreamEvent.Completed done) {
              store(key, new Entry(done.response(), List.copyOf(deltas)));
            } else {
              deltas.add(event);
            }
            return event;
          }
        },
        inner::close);
  }

  private Optional<Entry> lookup(Key key) {
    Entry entry;
    synchronized (entries) {
      entry = entries.get(key);
    }
    (entry == null ? misses : hits).incrementAndGet();
    return Optional.ofNullable(entry);
  }

  private void store(Key key, Entry entry) {
    synchronized (entries) {
      entries.put(key, entry);
    }
  }

  @Override
  public String toString() {
    return "ResponseCache{maxEntries=" + maxEntries + ", size=" + size() + '}';
  }

  /** What a request asks, without what tells two asks of it apart. */
  private record Key(
      List<Message> messages,
      ResponseFormat responseFormat,
      List<Tool> tools,
      ToolChoice toolChoice,
      Optional<Boolean> parallelToolCalls,
      OptionalDouble temperature,
      OptionalLong maxOutputTokens,
      List<String> stop,
      OptionalLong seed,
      OptionalDouble topP,
      Map<String, JsonValue> metadata) {

    static Key of(InferenceRequest request) {
      Map<String, JsonValue> metadata = new LinkedHashMap<>(request.metadata());
      metadata.remove(CACHEABLE_METADATA);
      return new Key(
          request.messages(),
          request.responseFormat(),
          request.tools(),
          request.toolChoice(),
          request.parallelToolCalls(),
          request.temperature(),
          request.maxOutputTokens(),
          request.stop(),
          request.seed(),
          request.topP(),
          Map.copyOf(metadata));
    }
  }

  /** A cached answer, with the deltas it was streamed as (none when it was not streamed). */
  private record Entry(InferenceResponse response, List<StreamEvent> deltas) {

    InferenceResponse response(InferenceRequest request) {
      return response.toBuilder().requestId(request.requestId()).build();
    }

    List<StreamEvent> replay(InferenceRequest request) {
      List<StreamEvent> events = new ArrayList<>(deltas);
      if (events.isEmpty()) {
        response.reasoning().ifPresent(text -> events.add(new StreamEvent.ReasoningDelta(text)));
        if (!response.text().isEmpty()) {
          events.add(new StreamEvent.TextDelta(response.text()));
        }
      }
      events.add(new StreamEvent.Completed(response(request)));
      return events;
    }
  }
}
