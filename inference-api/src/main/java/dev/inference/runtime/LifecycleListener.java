package dev.inference.runtime;

/**
 * Receives a runtime's lifecycle events from {@link RuntimeOperations#watchLifecycle}, in order, on
 * the watching thread.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface LifecycleListener {

  /**
   * Receives one event: first the runtime's state when the watch began, then each change.
   *
   * @param event the event, never {@code null}
   * @throws RuntimeException to stop watching; the watch rethrows it
   */
  void onEvent(LifecycleEvent event);
}
