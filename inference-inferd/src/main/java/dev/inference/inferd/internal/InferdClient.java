package dev.inference.inferd.internal;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.kit.CallPipeline;
import dev.inference.kit.CallTransport;
import dev.inference.kit.SecretRedactor;
import dev.inference.spi.DriverContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Clients of the inferd daemon: the kit's {@link CallPipeline} over the protocol v1 transport, and
 * the daemon's runtime operations; and how a profile names its endpoints.
 */
public final class InferdClient {

  /** The provider name in descriptions and errors. */
  public static final String PROVIDER_NAME = "inferd";

  private InferdClient() {}

  /**
   * A client for one profile: the kit's pipeline over the inferd transport, with the daemon's
   * runtime operations.
   *
   * @param settings the profile
   * @param context the listener, clock and threads
   * @param capabilities what the driver declares
   * @param environment what the default socket path depends on
   * @return the client
   * @throws IllegalArgumentException if the endpoint or an option is not usable
   */
  public static InferenceClient create(
      ProviderSettings settings,
      DriverContext context,
      Capabilities capabilities,
      Environment environment) {
    InferdEndpoint endpoint = endpoint(settings, environment);
    Optional<Path> admin = adminSocket(settings, endpoint);
    // plain code and a class, not lambdas, on the way to a client: `inference run` answers
    // describe right after, and linking a lambda's call site costs more there (StartPathTest)
    Optional<Long> maxFrame = InferdKeys.MAX_FRAME_BYTES.from(settings);
    int maxFrameBytes =
        maxFrame.isPresent() ? maxFrame.get().intValue() : InferdKeys.DEFAULT_MAX_FRAME_BYTES;
    // the key is read at each call, so a rotated one is used and hidden, and an unset one fails
    // only the calls that need it (TCP), not the client
    SecretRedactor redactors = new SecretRedactor(settings.apiKey(), List.of());
    ProviderDescription description =
        new ProviderDescription(
            "inferd", PROVIDER_NAME, settings.model(), endpoint.uri().toString(), capabilities);
    CallPipeline pipeline =
        new CallPipeline(
            settings,
            context,
            description,
            new Function<CallPipeline, CallTransport>() {
              @Override
              public CallTransport apply(CallPipeline threads) {
                return new InferdCallTransport(
                    settings, endpoint, PROVIDER_NAME, redactors, maxFrameBytes);
              }
            });
    return pipeline.client(
        Optional.of(new InferdOperations(endpoint, admin, pipeline, maxFrameBytes)));
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
    Optional<URI> baseUrl = settings.baseUrl();
    return baseUrl.isPresent()
        ? InferdEndpoint.parse(baseUrl.get())
        : InferdEndpoint.resolveDefault(environment);
  }

  /**
   * The admin socket: {@code admin_socket}, else {@code admin.sock} beside a Unix inference socket.
   *
   * @param settings the profile
   * @param endpoint the inference endpoint
   * @return the path, or empty for a TCP endpoint without {@code admin_socket}
   */
  static Optional<Path> adminSocket(ProviderSettings settings, InferdEndpoint endpoint) {
    Optional<String> admin = InferdKeys.ADMIN_SOCKET.from(settings);
    return admin.isPresent() ? Optional.of(Path.of(admin.get())) : endpoint.adminBeside();
  }
}
