package dev.inference.http;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.kit.Loopback;
import dev.inference.runtime.Check;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.EnsureModelResult;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.runtime.VerifyResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What every HTTP driver's runtime operations share: status from one probe, the readiness checks,
 * and waiting with backoff. A driver supplies {@link #probe()} and, if it can, {@link
 * #ensureModel}.
 *
 * @since 0.2
 */
public abstract class HttpRuntimeOperations implements RuntimeOperations {

  /** The first wait of {@link #awaitReady}. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

  /** The longest wait of {@link #awaitReady}. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** The client whose runtime this is. */
  protected final HttpRuntime client;

  /**
   * Operations on the client's runtime.
   *
   * @param client the client
   */
  protected HttpRuntimeOperations(HttpRuntime client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Asks the runtime for its state and models.
   *
   * @return the status of a runtime that answered
   * @throws InferenceException if the runtime could not be asked
   */
  protected abstract RuntimeStatus probe();

  /**
   * The deadline of one operation's HTTP exchange.
   *
   * @return the profile's connect timeout plus ten seconds, at most its total timeout
   */
  protected Duration operationTimeout() {
    Duration wanted = client.settings().timeouts().connect().plusSeconds(10);
    Duration total = client.settings().timeouts().request();
    return wanted.compareTo(total) < 0 ? wanted : total;
  }

  /**
   * An endpoint of the runtime with the given path, on the chat endpoint's scheme, host and port.
   *
   * @param path an absolute path
   * @return the URI
   */
  protected URI sibling(String path) {
    URI chat = client.endpoint();
    return chat.resolve(path);
  }

  @Override
  public RuntimeStatus status() {
    try {
      return probe();
    } catch (InferenceException failure) {
      return RuntimeStatus.notReady(
          failure.kind() == ErrorKind.AUTHENTICATION || failure.httpStatus().isPresent()
              ? RuntimeStatus.State.FAILED
              : RuntimeStatus.State.UNKNOWN,
          errorClass(failure),
          failure.getMessage());
    }
  }

  @Override
  public VerifyResult verify(Set<Check> checks) {
    Objects.requireNonNull(checks, "checks");
    List<VerifyResult.Outcome> results = new ArrayList<>();
    RuntimeStatus status = null;
    for (Check check : Check.values()) {
      if (!checks.isEmpty() && !checks.contains(check)) {
        continue;
      }
      switch (check) {
        case RUNTIME_READY -> {
          status = status != null ? status : status();
          results.add(
              new VerifyResult.Outcome(
                  check,
                  status.ok(),
                  status.ok()
                      ? client.describe().providerName()
                          + " answers at "
                          + client.endpoint().getAuthority()
                          + status.version().map(version -> " (version " + version + ")").orElse("")
                      : String.join("; ", status.diagnostics())));
        }
        case MODEL_READY -> {
          status = status != null ? status : status();
          results.add(modelReady(status));
        }
        case LOOPBACK_ONLY -> results.add(loopbackOnly());
      }
    }
    return new VerifyResult(results);
  }

  /**
   * The model-ready check; by default, whether the status lists the profile's model.
   *
   * @param status the runtime's status
   * @return the check's outcome, for {@link Check#MODEL_READY}
   */
  protected VerifyResult.Outcome modelReady(RuntimeStatus status) {
    String model = client.settings().model();
    if (!status.ok()) {
      return new VerifyResult.Outcome(
          Check.MODEL_READY, false, "cannot tell: " + String.join("; ", status.diagnostics()));
    }
    boolean present = status.hasModel(model);
    return new VerifyResult.Outcome(
        Check.MODEL_READY,
        present,
        present
            ? "model '" + model + "' is available"
            : "model '"
                + model
                + "' is not among the "
                + status.models().size()
                + " models the runtime lists");
  }

  /**
   * Whether the endpoint's host is loopback by {@link Loopback}, the project's one rule, judged
   * from the URL alone: nothing is resolved and nothing is sent, so a name that a resolver might
   * map to 127.0.0.1 ({@code 127.evil.example}) is not loopback.
   */
  private VerifyResult.Outcome loopbackOnly() {
    String host = client.endpoint().getHost();
    if (host == null) {
      return new VerifyResult.Outcome(Check.LOOPBACK_ONLY, false, "the endpoint has no host");
    }
    boolean loopback = Loopback.isLoopback(host);
    return new VerifyResult.Outcome(
        Check.LOOPBACK_ONLY,
        loopback,
        "host '"
            + host
            + (loopback ? "' is" : "' is not")
            + " loopback (localhost, *.localhost, 127.x.x.x or [::1], judged from the URL"
            + " without resolving the name)");
  }

  @Override
  public EnsureModelResult ensureModel(String model, EnsureModelOptions options) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    return EnsureModelResult.failed(
        options.dryRun(),
        ErrorClass.UNSUPPORTED,
        client.describe().kind()
            + " cannot download models: the server decides which models it serves;"
            + " use status() or verify(model-ready) to see whether '"
            + model
            + "' is available");
  }

  @Override
  public RuntimeStatus awaitReady(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    long deadline = client.nanoTime() + timeout.toNanos();
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      InferenceException last;
      try {
        RuntimeStatus status = probe();
        if (status.ok()) {
          return status;
        }
        last =
            InferenceException.builder(
                    ErrorKind.UNAVAILABLE, String.join("; ", status.diagnostics()))
                .providerName(client.describe().providerName())
                .build();
      } catch (InferenceException failure) {
        if (!transientForReadiness(failure)) {
          throw failure;
        }
        last = failure;
      }
      long left = deadline - client.nanoTime();
      if (left <= 0) {
        throw InferenceException.builder(
                ErrorKind.TIMEOUT,
                client.describe().providerName()
                    + " was not ready within "
                    + timeout.toMillis()
                    + " ms; last: "
                    + last.getMessage())
            .providerName(client.describe().providerName())
            .timeoutPhase(InferenceException.TimeoutPhase.TOTAL)
            .cause(last)
            .build();
      }
      sleep(Math.min(backoff.toNanos(), left));
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  /** A refused connection, a runtime still loading and a slow answer are worth waiting for. */
  private static boolean transientForReadiness(InferenceException failure) {
    return failure.kind() == ErrorKind.TRANSPORT
        || failure.kind() == ErrorKind.UNAVAILABLE
        || failure.kind() == ErrorKind.TIMEOUT;
  }

  /**
   * The BusDK error class of a failure.
   *
   * @param failure the failure
   * @return the error class
   */
  protected static ErrorClass errorClass(InferenceException failure) {
    return switch (failure.kind()) {
      case AUTHENTICATION, PERMISSION_DENIED -> ErrorClass.UNAUTHORIZED;
      case TIMEOUT -> ErrorClass.TIMEOUT;
      case INVALID_REQUEST, MODEL_NOT_FOUND -> ErrorClass.BAD_REQUEST;
      case UNSUPPORTED -> ErrorClass.UNSUPPORTED;
      default -> ErrorClass.PROVIDER_ERROR;
    };
  }

  private void sleep(long nanos) {
    try {
      client.pause(Duration.ofNanos(nanos));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw InferenceException.builder(
              ErrorKind.CANCELLED, "interrupted while waiting for the runtime")
          .cause(interrupted)
          .build();
    }
  }
}
