package dev.inference.inferd.internal;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.kit.CallPipeline;
import dev.inference.kit.SecretRedactor;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.spi.DriverContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A client of the inferd daemon: the kit's {@link CallPipeline} over the protocol v1 transport, and
 * the daemon's runtime operations.
 */
public final class InferdClient implements InferenceClient {

  /** The provider name in descriptions and errors. */
  public static final String PROVIDER_NAME = "inferd";

  private final CallPipeline pipeline;
  private final RuntimeOperations operations;

  /**
   * A client for one profile.
   *
   * @param settings the profile
   * @param context the listener, clock and threads
   * @param capabilities what the driver declares
   * @param environment what the default socket path depends on
   * @throws IllegalArgumentException if the endpoint or an option is not usable
   */
  public InferdClient(
      ProviderSettings settings,
      DriverContext context,
      Capabilities capabilities,
      Environment environment) {
    InferdEndpoint endpoint = endpoint(settings, environment);
    Optional<Path> admin = adminSocket(settings, endpoint);
    int maxFrameBytes =
        InferdKeys.MAX_FRAME_BYTES
            .from(settings)
            .map(Long::intValue)
            .orElse(InferdKeys.DEFAULT_MAX_FRAME_BYTES);
    // the key is read at each call, so a rotated one is used and hidden, and an unset one fails
    // only the calls that need it (TCP), not the client
    SecretRedactor redactors = new SecretRedactor(settings.apiKey(), List.of());
    ProviderDescription description =
        new ProviderDescription(
            "inferd", PROVIDER_NAME, settings.model(), endpoint.uri().toString(), capabilities);
    this.pipeline =
        new CallPipeline(
            settings,
            context,
            description,
            threads ->
                new InferdCallTransport(
                    settings, endpoint, PROVIDER_NAME, redactors, maxFrameBytes));
    this.operations = new InferdOperations(endpoint, admin, pipeline, maxFrameBytes);
  }

  /**
   * The endpoint of a profile: its {@code base_url}, else the daemon's default path.
   *
   * @param settings the profile
   * @param environment the variables the default depends on
   * @return the endpoint
   * @throws IllegalArgumentException if {@code base_url} is not an inferd endpoint
   */
  public static InferdEndpoint endpoint(ProviderSettings settings, Environment environment) {
    return settings
        .baseUrl()
        .map(InferdEndpoint::parse)
        .orElseGet(() -> InferdEndpoint.resolveDefault(environment));
  }

  /**
   * The admin socket: {@code admin_socket}, else {@code admin.sock} beside a Unix inference socket.
   *
   * @param settings the profile
   * @param endpoint the inference endpoint
   * @return the path, or empty for a TCP endpoint without {@code admin_socket}
   */
  static Optional<Path> adminSocket(ProviderSettings settings, InferdEndpoint endpoint) {
    return InferdKeys.ADMIN_SOCKET.from(settings).map(Path::of).or(endpoint::adminBeside);
  }

  @Override
  public InferenceResponse infer(InferenceRequest request) {
    return pipeline.infer(request);
  }

  @Override
  public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
    return pipeline.inferAsync(request);
  }

  @Override
  public InferenceStream stream(InferenceRequest request) {
    return pipeline.stream(request);
  }

  @Override
  public ProviderDescription describe() {
    return pipeline.description();
  }

  @Override
  public Optional<RuntimeOperations> operations() {
    return Optional.of(operations);
  }

  @Override
  public void close() {
    pipeline.close();
  }

  @Override
  public String toString() {
    return "InferdClient{" + pipeline.description() + '}';
  }
}
