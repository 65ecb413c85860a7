package dev.inference.inferd.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.kit.CallPipeline;
import dev.inference.kit.Loopback;
import dev.inference.runtime.Check;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.EnsureModelResult;
import dev.inference.runtime.LifecycleEvent;
import dev.inference.runtime.LifecycleListener;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.runtime.VerifyResult;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's runtime operations: status from the admin socket's snapshot, verify by dialling the
 * inference socket, readiness by dialling with backoff, lifecycle events from the admin socket. v1
 * reports no models and downloads none on request, so model-ready (run only when asked for; the
 * default checks are runtime-ready and loopback-only) and ensureModel say so.
 */
final class InferdOperations implements RuntimeOperations {

  private final InferdEndpoint endpoint;
  private final Optional<Path> admin;
  private final CallPipeline pipeline;
  private final Readiness readiness;
  private final int maxFrameBytes;

  InferdOperations(
      InferdEndpoint endpoint, Optional<Path> admin, CallPipeline pipeline, int maxFrameBytes) {
    this.endpoint = endpoint;
    this.admin = admin;
    this.pipeline = pipeline;
    this.readiness = new Readiness(endpoint, pipeline);
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public RuntimeStatus status() {
    if (admin.isEmpty()) {
      return byDialling("no admin socket is configured for a TCP endpoint (set admin_socket)");
    }
    Path socket = admin.get();
    Optional<LifecycleEvent> snapshot;
    try (AdminChannel channel =
        AdminChannel.open(socket, maxFrameBytes, pipeline.settings().timeouts().connect())) {
      snapshot = snapshotWithin(channel, pipeline.settings().timeouts().connect());
    } catch (IOException unreachable) {
      return byDialling(
          "the admin socket unix:" + socket + " cannot be read (" + unreachable.getMessage() + ")");
    }
    if (snapshot.isEmpty()) {
      return RuntimeStatus.notReady(
          RuntimeStatus.State.UNKNOWN,
          ErrorClass.PROVIDER_ERROR,
          "the admin socket unix:" + socket + " closed before it sent the daemon's state");
    }
    return fromSnapshot(snapshot.get());
  }

  /** Reads the snapshot, closing the channel if it does not come within {@code limit}. */
  private Optional<LifecycleEvent> snapshotWithin(AdminChannel channel, Duration limit)
      throws IOException {
    ScheduledFuture<?> giveUp = null;
    try {
      giveUp = pipeline.scheduler().schedule(channel::close, limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      throw new IOException("the client is closed", closed);
    }
    try {
      return channel.snapshot();
    } finally {
      giveUp.cancel(false);
    }
  }

  private RuntimeStatus byDialling(String why) {
    Optional<IOException> failure = readiness.dial();
    if (failure.isEmpty()) {
      return new RuntimeStatus(
          RuntimeStatus.State.READY,
          Optional.empty(),
          List.of(),
          List.of(why + "; the inference socket at " + endpoint + " accepts connections"),
          Optional.empty());
    }
    return RuntimeStatus.notReady(
        RuntimeStatus.State.UNKNOWN,
        ErrorClass.PROVIDER_ERROR,
        why + "; " + endpoint + ": " + SocketDialer.describe(failure.get(), endpoint));
  }

  /** ready is READY; starting, loading and restarting are INSTALLING; others are not ready. */
  static RuntimeStatus fromSnapshot(LifecycleEvent event) {
    String said = "inferd reports '" + event.status() + "'" + progress(event);
    switch (event.state()) {
      case READY:
        return new RuntimeStatus(
            RuntimeStatus.State.READY,
            Optional.empty(),
            List.of(),
            List.of(said),
            Optional.empty());
      case STARTING:
      case LOADING_MODEL:
      case RESTARTING:
        return new RuntimeStatus(
            RuntimeStatus.State.INSTALLING,
            Optional.empty(),
            List.of(),
            List.of(said + "; not ready yet"),
            Optional.empty());
      case DRAINING:
        return RuntimeStatus.notReady(
            RuntimeStatus.State.FAILED,
            ErrorClass.PROVIDER_ERROR,
            said + ": it is shutting down and takes no new requests");
      default:
        return RuntimeStatus.notReady(
            RuntimeStatus.State.UNKNOWN,
            ErrorClass.PROVIDER_ERROR,
            said + ", a status this driver does not know");
    }
  }

  private static String progress(LifecycleEvent event) {
    StringBuilder text = new StringBuilder();
    event.phase().ifPresent(phase -> text.append(" (phase ").append(phase).append(')'));
    if (event.downloadedBytes().isPresent()) {
      text.append(", ").append(event.downloadedBytes().getAsLong());
      if (event.totalBytes().isPresent()) {
        text.append(" of ").append(event.totalBytes().getAsLong());
      }
      text.append(" bytes downloaded");
    }
    return text.toString();
  }

  @Override
  public VerifyResult verify(Set<Check> checks) {
    Objects.requireNonNull(checks, "checks");
    List<VerifyResult.Outcome> outcomes = new ArrayList<>();
    for (Check check : Check.values()) {
      // the default checks are the ones v1 can answer: model-ready only when asked for
      boolean wanted = checks.isEmpty() ? check != Check.MODEL_READY : checks.contains(check);
      if (!wanted) {
        continue;
      }
      switch (check) {
        case RUNTIME_READY:
          Optional<IOException> failure = readiness.dial();
          outcomes.add(
              new VerifyResult.Outcome(
                  check,
                  failure.isEmpty(),
                  failure.isEmpty()
                      ? "inferd accepts connections at " + endpoint
                      : endpoint + ": " + SocketDialer.describe(failure.get(), endpoint)));
          break;
        case MODEL_READY:
          outcomes.add(
              new VerifyResult.Outcome(
                  check,
                  false,
                  "not supported by inferd protocol v1: the daemon reports no models (it serves"
                      + " the one its config names); use runtime-ready"));
          break;
        default:
          outcomes.add(loopbackOnly());
          break;
      }
    }
    return new VerifyResult(outcomes);
  }

  private VerifyResult.Outcome loopbackOnly() {
    if (endpoint.isUnix()) {
      return new VerifyResult.Outcome(
          Check.LOOPBACK_ONLY, true, endpoint + " is a Unix socket, reachable from this host only");
    }
    String host = endpoint.uri().getHost();
    boolean loopback = Loopback.isLoopback(host);
    return new VerifyResult.Outcome(
        Check.LOOPBACK_ONLY,
        loopback,
        "host '" + host + (loopback ? "' is" : "' is not") + " loopback");
  }

  @Override
  public EnsureModelResult ensureModel(String model, EnsureModelOptions options) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    return EnsureModelResult.failed(
        options.dryRun(),
        ErrorClass.UNSUPPORTED,
        "inferd fetches and verifies its model itself, as its config says; protocol v1 takes no"
            + " request for '"
            + model
            + "'. Watch the download with watchLifecycle() or wait with awaitReady()");
  }

  @Override
  public RuntimeStatus awaitReady(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return readiness.awaitReady(timeout);
  }

  @Override
  public void watchLifecycle(LifecycleListener listener) {
    Objects.requireNonNull(listener, "listener");
    Path socket =
        admin.orElseThrow(
            () ->
                InferenceException.builder(
                        ErrorKind.UNSUPPORTED,
                        "inferd's admin socket is never TCP: set admin_socket to its path to watch"
                            + " the lifecycle of a daemon reached at "
                            + endpoint)
                    .providerName(pipeline.description().providerName())
                    .build());
    try (AdminChannel channel =
        AdminChannel.open(socket, maxFrameBytes, pipeline.settings().timeouts().connect())) {
      Runnable forget = pipeline.whileOpen(channel::close);
      try {
        channel.watch(listener); // the client's close() closes the channel, which ends the watch
      } finally {
        forget.run();
      }
    } catch (ClosedByInterruptException interrupted) {
      throw InferenceException.builder(ErrorKind.CANCELLED, "the lifecycle watch was interrupted")
          .providerName(pipeline.description().providerName())
          .cause(interrupted)
          .build();
    } catch (IOException failed) {
      if (pipeline.isClosed()) {
        throw InferenceException.builder(ErrorKind.CANCELLED, "the client was closed")
            .providerName(pipeline.description().providerName())
            .cause(failed)
            .build();
      }
      if (Thread.currentThread().isInterrupted()) {
        throw InferenceException.builder(ErrorKind.CANCELLED, "the lifecycle watch was interrupted")
            .providerName(pipeline.description().providerName())
            .cause(failed)
            .build();
      }
      throw InferenceException.builder(
              ErrorKind.UNAVAILABLE,
              "cannot watch inferd's lifecycle at unix:"
                  + socket
                  + ": "
                  + failed.getMessage()
                  + "; is the daemon running?")
          .retryable(true)
          .providerName(pipeline.description().providerName())
          .cause(failed)
          .build();
    }
  }
}
