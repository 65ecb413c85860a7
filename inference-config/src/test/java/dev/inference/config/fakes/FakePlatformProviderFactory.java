package dev.inference.config.fakes;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderDescription;
import dev.inference.openai.OpenAiProviderFactory;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import dev.inference.spi.ProviderSettings;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * TEST-ONLY FAKE of driver {@code bitloops_platform_chat}: the OpenAI driver with the platform's
 * default endpoint and provider name. It stands in until the real {@code inference-platform} driver
 * lands; then it is deleted.
 */
public final class FakePlatformProviderFactory implements ProviderFactory {

  /** The real driver's id. */
  public static final String ID = "bitloops_platform_chat";

  private final OpenAiProviderFactory openai = new OpenAiProviderFactory();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Capabilities capabilities() {
    return openai.capabilities();
  }

  @Override
  public List<ConfigKey> configKeys() {
    return openai.configKeys();
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    ProviderSettings withUrl =
        settings.baseUrl().isPresent()
            ? settings
            : settings.toBuilder()
                .baseUrl(URI.create("https://platform.bitloops.net/v1/chat/completions"))
                .build();
    InferenceClient delegate = openai.create(withUrl, context);
    ProviderDescription openaiView = delegate.describe();
    ProviderDescription description =
        new ProviderDescription(
            openaiView.kind(),
            "bitloops",
            openaiView.modelName(),
            openaiView.endpoint(),
            openaiView.capabilities());
    return new InferenceClient() {
      @Override
      public InferenceResponse infer(InferenceRequest request) {
        return delegate.infer(request);
      }

      @Override
      public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
        return delegate.inferAsync(request);
      }

      @Override
      public InferenceStream stream(InferenceRequest request) {
        return delegate.stream(request);
      }

      @Override
      public ProviderDescription describe() {
        return description;
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }
}
