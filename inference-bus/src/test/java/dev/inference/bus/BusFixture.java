package dev.inference.bus;

import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.ProviderSettings;
import dev.inference.runtime.Check;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.EnsureModelResult;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.runtime.VerifyResult;
import dev.inference.spi.SecretResolver;
import dev.inference.stub.Dialect;
import dev.inference.stub.StubServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The setups a table case names: node {@code gpu} served by the real Ollama driver against the
 * stub's Ollama dialect, or by a fake runtime; a secret resolver that knows two references.
 */
final class BusFixture implements AutoCloseable {

  /** The value of the known secret: no response may contain it. */
  static final String MARKER = "MARKER-s3cr3t-7f9c2e";

  static final String TOKEN = "secret://deployment/ollama-registry-token";
  static final String SSH_KEY = "secret://deployment/gpu-ssh-key";
  static final String BLANK = "secret://deployment/blank";

  /** The providers the table's deployment advertises. */
  static final Set<String> PROVIDERS = Set.of("ollama", "vllm");

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  /** The resolver: two known references (one to the marker), one blank, the rest unknown. */
  static SecretResolver secrets() {
    return new SecretResolver() {
      @Override
      public String scheme() {
        return "deployment";
      }

      @Override
      public String resolve(String reference) {
        if (reference.equals(TOKEN) || reference.equals(SSH_KEY)) {
          return MARKER;
        }
        if (reference.equals(BLANK)) {
          return "";
        }
        throw new IllegalArgumentException("no secret " + reference + " (holder " + MARKER + ")");
      }
    };
  }

  /**
   * A handler whose node {@code gpu} runs the named setup.
   *
   * @param setup {@code ollama} (models llama3.2:latest, profile model llama3.2), {@code
   *     ollama-no-model} (profile model qwen3:0.6b, not present), {@code fake-installing}, {@code
   *     fake-vllm} (a ready runtime of provider vllm), {@code fake-timeout}, {@code fake-crash}, or
   *     {@code none} (no node at all)
   */
  BusHandler handler(String setup) {
    Optional<NodeResolver.Node> node = node(setup);
    return new BusHandler(id -> id.equals("gpu") ? node : Optional.empty(), secrets(), PROVIDERS);
  }

  private Optional<NodeResolver.Node> node(String setup) {
    switch (setup) {
      case "none":
        return Optional.empty();
      case "ollama":
        return Optional.of(ollama("llama3.2"));
      case "ollama-no-model":
        return Optional.of(ollama("qwen3:0.6b"));
      case "fake-installing":
        return Optional.of(
            new NodeResolver.Node(
                "ollama",
                new Fake(
                    new RuntimeStatus(
                        RuntimeStatus.State.INSTALLING,
                        Optional.empty(),
                        List.of(),
                        List.of("the installer is running"),
                        Optional.of(RuntimeOperations.ErrorClass.PROVIDER_ERROR)),
                    null)));
      case "fake-vllm":
        return Optional.of(
            new NodeResolver.Node("vllm", new Fake(RuntimeStatus.ready(null, List.of()), null)));
      case "fake-timeout":
        return Optional.of(
            new NodeResolver.Node(
                "ollama",
                new Fake(
                    RuntimeStatus.ready("1", List.of()),
                    InferenceException.builder(
                            ErrorKind.TIMEOUT, "ollama did not answer /api/tags within 10000 ms")
                        .build())));
      case "fake-crash":
        return Optional.of(
            new NodeResolver.Node(
                "ollama",
                new Fake(
                    RuntimeStatus.ready("1", List.of()),
                    new IllegalStateException("boom with " + MARKER))));
      default:
        throw new IllegalArgumentException("unknown setup " + setup);
    }
  }

  private NodeResolver.Node ollama(String model) {
    StubServer stub = StubServer.builder(Dialect.OLLAMA).models("llama3.2:latest").start();
    resources.add(stub);
    ports.add(stub.port());
    InferenceClient client =
        Inference.connect(
            ProviderSettings.builder("ollama_chat")
                .profileName("gpu")
                .model(model)
                .baseUrl(stub.chatEndpoint())
                .requestTimeout(Duration.ofSeconds(10))
                .build());
    resources.add(client);
    return new NodeResolver.Node(
        client.describe().providerName(), client.operations().orElseThrow());
  }

  /** The text with each stub's ephemeral port written as {@code {port}}. */
  String withoutPorts(String text) {
    for (int port : ports) {
      text = text.replace("127.0.0.1:" + port, "127.0.0.1:{port}");
    }
    return text;
  }

  @Override
  public void close() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception failed) {
        throw new IllegalStateException("could not close " + resource, failed);
      }
    }
  }

  /** A runtime with a fixed status whose other operations throw {@code failure} when set. */
  private static final class Fake implements RuntimeOperations {
    private final RuntimeStatus status;
    private final RuntimeException failure;

    Fake(RuntimeStatus status, RuntimeException failure) {
      this.status = status;
      this.failure = failure;
    }

    @Override
    public RuntimeStatus status() {
      if (failure != null) {
        throw failure;
      }
      return status;
    }

    @Override
    public VerifyResult verify(Set<Check> checks) {
      if (failure != null) {
        throw failure;
      }
      return new VerifyResult(List.of());
    }

    @Override
    public EnsureModelResult ensureModel(String model, EnsureModelOptions options) {
      if (failure != null) {
        throw failure;
      }
      return EnsureModelResult.failed(
          options.dryRun(), RuntimeOperations.ErrorClass.UNSUPPORTED, "fake");
    }

    @Override
    public RuntimeStatus awaitReady(Duration timeout) {
      return status;
    }
  }
}
