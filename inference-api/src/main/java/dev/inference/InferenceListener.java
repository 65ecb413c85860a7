package dev.inference;

import java.time.Duration;

/**
 * Receives the events of a client's calls, with timings; every method does nothing unless
 * overridden, so new events never break a listener.
 *
 * <p>Methods are called on the thread that does the work and must return quickly; an exception a
 * listener throws is logged and ignored. Each call sees {@link #requestStarted} first, then at most
 * one {@link #firstToken}, then exactly one of {@link #requestCompleted} and {@link
 * #requestFailed}.
 *
 * @since 0.1
 */
public abstract class InferenceListener {

  /** A listener that ignores every event. */
  public static final InferenceListener NONE = new InferenceListener() {};

  /** For subclasses. */
  protected InferenceListener() {}

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
   * A client's circuit breaker changed state.
   *
   * @param client the client's profile name, else {@code provider/model}
   * @param from the state it left: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
   * @param to the state it entered
   */
  public void circuitStateChanged(String client, String from, String to) {}
}
