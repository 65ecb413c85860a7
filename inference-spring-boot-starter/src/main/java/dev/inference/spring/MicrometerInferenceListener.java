package dev.inference.spring;

import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.beans.factory.BeanFactory;

/**
 * Records the calls of the clients it listens to in a Micrometer {@link MeterRegistry}:
 *
 * <ul>
 *   <li>timer {@code inference.client.requests}, tags {@code profile}, {@code provider}, {@code
 *       model}, {@code mode} ({@code infer}, {@code infer_async}, {@code stream}) and {@code
 *       outcome} ({@code success}, or the error kind in lower case such as {@code rate_limited});
 *   <li>distribution summary {@code inference.client.tokens}, the same tags but outcome, and {@code
 *       type} ({@code input} or {@code output}), when the provider reports usage;
 *   <li>counter {@code inference.client.retries}, the same tags but outcome;
 *   <li>timer {@code inference.client.first.token}, the same tags but outcome, for streams.
 * </ul>
 *
 * <p>No tag holds a prompt, an answer or a key. A call without a profile name is tagged {@code
 * profile=none}.
 *
 * @since 0.2
 */
public final class MicrometerInferenceListener extends InferenceListener {

  private final MeterRegistry registry;

  /**
   * A listener that records in the given registry.
   *
   * @param registry the registry
   */
  public MicrometerInferenceListener(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The listener for the bean factory's unique (or primary) registry, if it has one. */
  static Optional<InferenceListener> of(BeanFactory beanFactory) {
    MeterRegistry registry = beanFactory.getBeanProvider(MeterRegistry.class).getIfUnique();
    return Optional.ofNullable(registry).map(r -> new MicrometerInferenceListener(r));
  }

  /**
   * The listener of one call, which knows its tags.
   *
   * @param call the call
   * @return the call's listener
   */
  @Override
  public InferenceListener forCall(CallInfo call) {
    Tags tags =
        Tags.of(
            "profile", call.profileName().orElse("none"),
            "provider", call.provider().providerName(),
            "model", call.model(),
            "mode", call.mode().name().toLowerCase(Locale.ROOT));
    return new Call(registry, tags);
  }

  /** The meters of one call. */
  private static final class Call extends InferenceListener {
    private final MeterRegistry registry;
    private final Tags tags;

    Call(MeterRegistry registry, Tags tags) {
      this.registry = registry;
      this.tags = tags;
    }

    @Override
    public void firstToken(InferenceRequest request, Duration elapsed) {
      Timer.builder("inference.client.first.token")
          .description("time to the first token of a streamed call")
          .tags(tags)
          .register(registry)
          .record(elapsed);
    }

    @Override
    public void requestCompleted(
        InferenceRequest request, InferenceResponse response, Duration elapsed) {
      requests("success").record(elapsed);
      response
          .usage()
          .ifPresent(
              usage -> {
                tokens("input", usage.promptTokens());
                tokens("output", usage.completionTokens());
              });
    }

    @Override
    public void requestFailed(
        InferenceRequest request, InferenceException failure, Duration elapsed) {
      requests(failure.kind().name().toLowerCase(Locale.ROOT)).record(elapsed);
    }

    @Override
    public void retrying(
        InferenceRequest request, int attempt, InferenceException cause, Duration delay) {
      registry.counter("inference.client.retries", tags).increment();
    }

    private Timer requests(String outcome) {
      return Timer.builder("inference.client.requests")
          .description("inference calls, by outcome")
          .tags(tags)
          .tag("outcome", outcome)
          .register(registry);
    }

    private void tokens(String type, OptionalLong count) {
      if (count.isPresent()) {
        DistributionSummary.builder("inference.client.tokens")
            .description("tokens per call, by type")
            .baseUnit("tokens")
            .tags(tags)
            .tag("type", type)
            .register(registry)
            .record(count.getAsLong());
      }
    }
  }
}
