package dev.inference.kit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/** Runs a blocking piece of work on an executor; cancelling its future interrupts it. */
final class OnExecutor {

  private OnExecutor() {}

  static <T> CompletableFuture<T> run(ExecutorService executor, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Future<?> task;
    try {
      task =
          executor.submit(
              () -> {
                try {
                  result.complete(work.get());
                } catch (RuntimeException failed) {
                  result.completeExceptionally(failed);
                }
              });
    } catch (RejectedExecutionException closed) {
      result.completeExceptionally(closed);
      return result;
    }
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            task.cancel(true);
          }
        });
    return result;
  }
}
