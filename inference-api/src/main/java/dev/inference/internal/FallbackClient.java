package dev.inference.internal;

import dev.inference.FallbackPolicy;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderDescription;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.spi.InferenceStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tries its clients in order, moving on only when a client fails with a kind that says the provider
 * is at fault ({@link FallbackPolicy#failsOver}), and skips a client that failed over until its
 * cooldown has passed. When every client is cooling down, all are tried in order rather than none.
 */
public final class FallbackClient implements InferenceClient {

  private final List<InferenceClient> clients;
  private final FallbackPolicy policy;

  /** Per client, the epoch millisecond until which it is skipped; 0 when it is not. */
  private final AtomicLongArray coolingUntil;

  /**
   * A client over the given ones.
   *
   * @param clients the clients, in the order they are tried; at least one
   * @param policy the cooldown, clock and listener
   */
  public FallbackClient(List<InferenceClient> clients, FallbackPolicy policy) {
    this.clients = List.copyOf(clients);
    if (this.clients.isEmpty()) {
      throw new IllegalArgumentException("a fallback needs at least one client, but got none");
    }
    this.policy = Objects.requireNonNull(policy, "policy");
    this.coolingUntil = new AtomicLongArray(this.clients.size());
  }

  /**
   * The order to try the clients in for a new call: those not cooling down, else all of them.
   *
   * @return indexes into the clients
   */
  List<Integer> order() {
    long now = policy.clock().millis();
    List<Integer> ready = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      if (coolingUntil.get(i) <= now) {
        ready.add(i);
      }
    }
    if (ready.isEmpty()) {
      for (int i = 0; i < clients.size(); i++) {
        ready.add(i);
      }
    }
    return ready;
  }

  InferenceClient client(int index) {
    return clients.get(index);
  }

  void succeeded(int index) {
    coolingUntil.set(index, 0);
  }

  /**
   * Handles a failure of the client at {@code position} of {@code order}: starts its cooldown when
   * the provider is at fault, and says whether the call moves on to the next client.
   */
  boolean failOver(
      InferenceRequest request, List<Integer> order, int position, InferenceException failure) {
    if (!FallbackPolicy.failsOver(failure.kind())) {
      return false;
    }
    int index = order.get(position);
    Duration cooldown = policy.cooldown();
    Optional<Duration> hint = failure.retryAfter();
    if (hint.isPresent() && hint.get().compareTo(cooldown) < 0) {
      cooldown = hint.get(); // the breaker goes half-open, or the provider takes calls, sooner
    }
    coolingUntil.set(index, policy.clock().millis() + cooldown.toMillis());
    if (position + 1 >= order.size()) {
      return false;
    }
    ProviderDescription failed = describe(index);
    ProviderDescription next = describe(order.get(position + 1));
    try {
      policy.listener().fallingBack(request, position + 1, failed, next, failure);
    } catch (RuntimeException broken) {
      System.getLogger(FallbackClient.class.getName())
          .log(System.Logger.Level.WARNING, "an InferenceListener threw; ignored", broken);
    }
    return true;
  }

  private ProviderDescription describe(int index) {
    return clients.get(index).describe();
  }

  @Override
  public InferenceResponse infer(InferenceRequest request) {
    Objects.requireNonNull(request, "request");
    List<Integer> order = order();
    List<InferenceException> earlier = new ArrayList<>();
    for (int position = 0; ; position++) {
      int index = order.get(position);
      try {
        InferenceResponse response = clients.get(index).infer(request);
        succeeded(index);
        return response;
      } catch (InferenceException failure) {
        if (!failOver(request, order, position, failure)) {
          throw withEarlier(failure, earlier);
        }
        earlier.add(failure);
      }
    }
  }

  @Override
  public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
    Objects.requireNonNull(request, "request");
    CompletableFuture<InferenceResponse> result = new CompletableFuture<>();
    AtomicReference<CompletableFuture<InferenceResponse>> current = new AtomicReference<>();
    result.whenComplete(
        (response, failure) -> {
          CompletableFuture<InferenceResponse> inFlight = current.get();
          if (result.isCancelled() && inFlight != null) {
            inFlight.cancel(true);
          }
        });
    attemptAsync(request, order(), 0, new ArrayList<>(), result, current);
    return result;
  }

  private void attemptAsync(
      InferenceRequest request,
      List<Integer> order,
      int position,
      List<InferenceException> earlier,
      CompletableFuture<InferenceResponse> result,
      AtomicReference<CompletableFuture<InferenceResponse>> current) {
    int index = order.get(position);
    CompletableFuture<InferenceResponse> attempt;
    try {
      attempt = clients.get(index).inferAsync(request);
    } catch (RuntimeException thrown) {
      attempt = CompletableFuture.failedFuture(thrown);
    }
    current.set(attempt);
    if (result.isCancelled()) {
      attempt.cancel(true);
      return;
    }
    attempt.whenComplete(
        (response, error) -> {
          if (error == null) {
            succeeded(index);
            result.complete(response);
            return;
          }
          Throwable cause = unwrap(error);
          if (cause instanceof InferenceException failure
              && !result.isDone()
              && failOver(request, order, position, failure)) {
            earlier.add(failure);
            attemptAsync(request, order, position + 1, earlier, result, current);
          } else {
            result.completeExceptionally(
                cause instanceof InferenceException failure
                    ? withEarlier(failure, earlier)
                    : cause);
          }
        });
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  static InferenceException withEarlier(
      InferenceException failure, List<InferenceException> earlier) {
    for (InferenceException before : earlier) {
      if (before != failure) {
        failure.addSuppressed(before);
      }
    }
    return failure;
  }

  @Override
  public InferenceStream stream(InferenceRequest request) {
    Objects.requireNonNull(request, "request");
    FallbackEvents events = new FallbackEvents(this, request, order());
    return InferenceStreams.of(events, events::close);
  }

  /**
   * The first client's description: what the client talks to when all is well.
   *
   * @return the primary's description
   */
  @Override
  public ProviderDescription describe() {
    return clients.get(0).describe();
  }

  @Override
  public Optional<RuntimeOperations> operations() {
    return clients.get(0).operations();
  }

  /** Closes every client, the failures of the first ones kept as suppressed. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (InferenceClient client : clients) {
      try {
        client.close();
      } catch (RuntimeException failure) {
        if (first == null) {
          first = failure;
        } else {
          first.addSuppressed(failure);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    StringBuilder chain = new StringBuilder("fallback(");
    for (int i = 0; i < clients.size(); i++) {
      chain.append(i == 0 ? "" : ", ").append(clients.get(i));
    }
    return chain.append(')').toString();
  }
}
