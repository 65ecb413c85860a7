package dev.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Receives the events of a client's calls, with timings; every method does nothing unless
 * overridden, so new events never break a listener.
 *
 * <p>Methods are called on the thread that does the work and must return quickly; an exception a
 * listener throws is logged and ignored. Each call sees {@link #requestStarted} first, then at most
 * one {@link #firstToken}, then exactly one of {@link #requestCompleted} and {@link
 * #requestFailed}, with any number of {@link #retrying} in between.
 *
 * <p>A listener that keeps state per call (a trace span, a timer sample) overrides {@link
 * #forCall}: it is asked at the start of each call, on the caller's thread, and the events of that
 * call go to the listener it returns. The events of a call may arrive on other threads (an {@code
 * inferAsync} completes on the client's executor, a stream's on the thread that reads it), but
 * never two at once.
 *
 * @since 0.1
 */
public abstract class InferenceListener {

  /** A listener that ignores every event. */
  public static final InferenceListener NONE = new InferenceListener() {};

  /** For subclasses. */
  protected InferenceListener() {}

  /**
   * The listener for one call: every event of the call ({@link #requestStarted} to {@link
   * #requestCompleted} or {@link #requestFailed}) goes to the listener returned. Called on the
   * caller's thread, before {@link #requestStarted}, so what is current there (a trace context) can
   * be captured. {@link #circuitStateChanged} is not an event of a call: it goes to this listener.
   *
   * @param call what is being called, and how
   * @return the listener for this call; this one unless overridden
   * @since 0.2
   */
  public InferenceListener forCall(CallInfo call) {
    return this;
  }

  /**
   * One listener that passes every event to each of the given ones, in order; a listener that
   * throws does not keep the others from hearing the event.
   *
   * @param listeners the listeners
   * @return a listener for all of them; {@link #NONE} when there are none, the listener itself when
   *     there is one
   * @since 0.2
   */
  public static InferenceListener composite(List<InferenceListener> listeners) {
    List<InferenceListener> all = new ArrayList<>();
    for (InferenceListener listener : listeners) {
      if (Objects.requireNonNull(listener, "listener") != NONE) {
        all.add(listener);
      }
    }
    return switch (all.size()) {
      case 0 -> NONE;
      case 1 -> all.get(0);
      default -> new Composite(List.copyOf(all));
    };
  }

  /**
   * A call is about to be sent.
   *
   * @param request the request
   */
  public void requestStarted(InferenceRequest request) {}

  /**
   * The first text or reasoning of a streamed call arrived.
   *
   * @param request the request
   * @param elapsed time since {@link #requestStarted}
   */
  public void firstToken(InferenceRequest request, Duration elapsed) {}

  /**
   * A call completed.
   *
   * @param request the request
   * @param response the response
   * @param elapsed time since {@link #requestStarted}
   */
  public void requestCompleted(
      InferenceRequest request, InferenceResponse response, Duration elapsed) {}

  /**
   * A call failed.
   *
   * @param request the request
   * @param failure what went wrong
   * @param elapsed time since {@link #requestStarted}
   */
  public void requestFailed(
      InferenceRequest request, InferenceException failure, Duration elapsed) {}

  /**
   * A call failed transiently and will be tried again after the delay.
   *
   * @param request the request
   * @param attempt the attempt that failed, from 1
   * @param cause why it failed
   * @param delay how long the client waits before the next attempt
   */
  public void retrying(
      InferenceRequest request, int attempt, InferenceException cause, Duration delay) {}

  /**
   * A client made by {@link Inference#fallback} gave up on one of its clients and tries the next
   * one: the hop is another attempt of the same call. Told to the listener of the {@link
   * FallbackPolicy}, on the thread that saw the failure.
   *
   * @param request the request
   * @param attempt the attempt that failed, from 1
   * @param failed the client that failed
   * @param next the client tried next
   * @param cause why it failed; a kind for which {@link FallbackPolicy#failsOver} holds
   * @since 0.2
   */
  public void fallingBack(
      InferenceRequest request,
      int attempt,
      ProviderDescription failed,
      ProviderDescription next,
      InferenceException cause) {}

  /**
   * A middleware of a client made by {@link Inference#wrap} starts its part of a call. Told to the
   * listener given to {@link Inference#wrap(InferenceClient, InferenceListener, Middleware...)}.
   *
   * @param request the request as the middleware receives it
   * @param middleware the middleware's {@link Middleware#name()}
   * @param mode how the call was made
   * @since 0.2
   */
  public void middlewareStep(InferenceRequest request, String middleware, CallInfo.Mode mode) {}

  /**
   * A client's circuit breaker changed state.
   *
   * @param client the client's profile name, else {@code provider/model}
   * @param from the state it left: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
   * @param to the state it entered
   */
  public void circuitStateChanged(String client, String from, String to) {}

  /**
   * What a call is, as its listener sees it at the start.
   *
   * @param request the request as the caller made it
   * @param provider the client's description: provider, dialect, configured model and endpoint
   * @param profileName the client's profile name, when it has one
   * @param mode how the call was made
   * @param temperature the temperature the call is sent with: the request's, else the profile's
   * @param maxOutputTokens the output limit the call is sent with: the request's, else the
   *     profile's
   * @since 0.2
   */
  public record CallInfo(
      InferenceRequest request,
      ProviderDescription provider,
      Optional<String> profileName,
      Mode mode,
      OptionalDouble temperature,
      OptionalLong maxOutputTokens) {

    /**
     * Checks the components.
     *
     * @param request the request
     * @param provider the description
     * @param profileName the profile name, or empty
     * @param mode how the call was made
     * @param temperature the effective temperature, or empty
     * @param maxOutputTokens the effective output limit, or empty
     */
    public CallInfo {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(profileName, "profileName");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(temperature, "temperature");
      Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
    }

    /**
     * The model asked for: the configured one (a request does not choose its model).
     *
     * @return the model name
     */
    public String model() {
      return provider.modelName();
    }

    /** How a call was made. */
    public enum Mode {
      /** {@link InferenceClient#infer}: blocking, on the caller's thread. */
      INFER,
      /** {@link InferenceClient#inferAsync}: the outcome arrives on another thread. */
      INFER_ASYNC,
      /** {@link InferenceClient#stream}: events as they arrive. */
      STREAM
    }
  }

  /** Fans every event out to several listeners. */
  private static final class Composite extends InferenceListener {

    private final List<InferenceListener> listeners;

    Composite(List<InferenceListener> listeners) {
      this.listeners = listeners;
    }

    private void each(java.util.function.Consumer<InferenceListener> event) {
      for (InferenceListener listener : listeners) {
        try {
          event.accept(listener);
        } catch (RuntimeException broken) {
          System.getLogger(InferenceListener.class.getName())
              .log(System.Logger.Level.WARNING, "an InferenceListener threw; ignored", broken);
        }
      }
    }

    @Override
    public InferenceListener forCall(CallInfo call) {
      List<InferenceListener> perCall = new ArrayList<>(listeners.size());
      each(listener -> perCall.add(listener.forCall(call)));
      return perCall.equals(listeners) ? this : new Composite(List.copyOf(perCall));
    }

    @Override
    public void requestStarted(InferenceRequest request) {
      each(listener -> listener.requestStarted(request));
    }

    @Override
    public void firstToken(InferenceRequest request, Duration elapsed) {
      each(listener -> listener.firstToken(request, elapsed));
    }

    @Override
    public void requestCompleted(
        InferenceRequest request, InferenceResponse response, Duration elapsed) {
      each(listener -> listener.requestCompleted(request, response, elapsed));
    }

    @Override
    public void requestFailed(
        InferenceRequest request, InferenceException failure, Duration elapsed) {
      each(listener -> listener.requestFailed(request, failure, elapsed));
    }

    @Override
    public void retrying(
        InferenceRequest request, int attempt, InferenceException cause, Duration delay) {
      each(listener -> listener.retrying(request, attempt, cause, delay));
    }

    @Override
    public void fallingBack(
        InferenceRequest request,
        int attempt,
        ProviderDescription failed,
        ProviderDescription next,
        InferenceException cause) {
      each(listener -> listener.fallingBack(request, attempt, failed, next, cause));
    }

    @Override
    public void middlewareStep(InferenceRequest request, String middleware, CallInfo.Mode mode) {
      each(listener -> listener.middlewareStep(request, middleware, mode));
    }

    @Override
    public void circuitStateChanged(String client, String from, String to) {
      each(listener -> listener.circuitStateChanged(client, from, to));
    }
  }
}
