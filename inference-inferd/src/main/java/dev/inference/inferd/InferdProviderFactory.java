package dev.inference.inferd;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.inferd.internal.Environment;
import dev.inference.inferd.internal.InferdClient;
import dev.inference.inferd.internal.InferdEndpoint;
import dev.inference.inferd.internal.InferdKeys;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import dev.inference.spi.SettingsProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Driver {@code inferd}, provider name {@code inferd}: the inferd local-inference daemon, protocol
 * v1 (one JSON object per line) over a Unix domain socket or loopback TCP.
 *
 * <p>{@code base_url} is {@code unix:/path/to/infer.sock} (also {@code unix:///path}) or {@code
 * tcp://127.0.0.1:PORT} (loopback only; with an {@code api_key} the connection starts with the
 * daemon's auth frame). Without it, the socket is where the daemon puts it by default: {@code
 * $XDG_RUNTIME_DIR/inferd/infer.sock}, else {@code $HOME/.inferd/run/infer.sock}, else {@code
 * /tmp/inferd-$UID/infer.sock}; on macOS {@code $TMPDIR/inferd/infer.sock} first. {@code describe}
 * names the path chosen.
 *
 * <p>Driver-specific profile keys: {@code admin_socket} (the admin socket for status and lifecycle
 * events; default {@code admin.sock} beside the inference socket), {@code image_token_budget} (70,
 * 140, 280, 560 or 1120), {@code top_k}, {@code grammar} (a llama.cpp GBNF grammar, checked against
 * the daemon's limits of 64 KiB and 4096 alternations before sending; protocol v1 has no JSON mode,
 * so this is its structured output) and {@code max_frame_bytes} (default 64 MiB, the daemon's cap).
 *
 * <p>Text only: protocol v1 carries system, user and assistant messages of plain text; tools,
 * images, JSON response formats, stop sequences and seeds fail with {@code UNSUPPORTED} before any
 * byte is sent. Each call has its own connection; closing a stream closes it, and the daemon
 * cancels the job.
 *
 * @since 0.2
 */
public final class InferdProviderFactory implements ProviderFactory {

  /** The driver id. */
  public static final String ID = "inferd";

  private static final Capabilities CAPABILITIES =
      Capabilities.builder().usageReporting(true).streaming(true).build();

  private final Environment environment;

  /**
   * For {@link java.util.ServiceLoader}: the default socket path follows this process's
   * environment.
   */
  public InferdProviderFactory() {
    this(Environment.system());
  }

  private InferdProviderFactory(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return InferdKeys.ALL;
  }

  /**
   * The daemon's default inference socket for this process's environment.
   *
   * @return {@code unix:/...infer.sock}
   */
  @Override
  public Optional<URI> defaultBaseUrl() {
    return Optional.of(InferdEndpoint.resolveDefault(environment).uri());
  }

  @Override
  public List<SettingsProblem> validate(ProviderSettings settings) {
    List<SettingsProblem> problems = new ArrayList<>();
    if (settings.baseUrl().isPresent()) {
      try {
        InferdEndpoint.parse(settings.baseUrl().get());
      } catch (IllegalArgumentException bad) {
        problems.add(SettingsProblem.error("base_url", bad.getMessage()));
      }
    }
    // plain code, not Optional's lambdas: this runs on the way to the first answer of `inference
    // run` (StartPathTest)
    Optional<String> grammar = InferdKeys.GRAMMAR.from(settings);
    Optional<String> problem =
        grammar.isPresent() ? InferdKeys.grammarProblem(grammar.get()) : Optional.empty();
    if (problem.isPresent()) {
      problems.add(
          SettingsProblem.error(
              "grammar", "is over the daemon's limits: " + problem.get() + "; shorten it"));
    }
    return problems;
  }

  @Override
  public ProviderDescription describe(ProviderSettings settings) {
    return new ProviderDescription(
        ID,
        InferdClient.PROVIDER_NAME,
        settings.model(),
        InferdClient.endpoint(settings, environment).uri().toString(),
        CAPABILITIES);
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    return InferdClient.create(settings, context, CAPABILITIES, environment);
  }
}
