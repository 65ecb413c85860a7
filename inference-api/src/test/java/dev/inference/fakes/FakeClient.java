package dev.inference.fakes;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import java.util.concurrent.CompletableFuture;

/** A client that remembers which factory made it and with what; it makes no call. */
public final class FakeClient implements InferenceClient {

  private final ProviderFactory factory;
  private final ProviderSettings settings;
  private final DriverContext context;

  FakeClient(ProviderFactory factory, ProviderSettings settings, DriverContext context) {
    this.factory = factory;
    this.settings = settings;
    this.context = context;
  }

  public ProviderFactory factory() {
    return factory;
  }

  public ProviderSettings settings() {
    return settings;
  }

  public DriverContext context() {
    return context;
  }

  @Override
  public InferenceResponse infer(InferenceRequest request) {
    return InferenceResponse.builder()
        .text(factory.id())
        .providerName("fake")
        .modelName(settings.model())
        .requestId(request.requestId())
        .build();
  }

  @Override
  public CompletableFuture<InferenceResponse> inferAsync(InferenceRequest request) {
    return CompletableFuture.completedFuture(infer(request));
  }

  @Override
  public InferenceStream stream(InferenceRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ProviderDescription describe() {
    return new ProviderDescription(
        factory.id(), "fake", settings.model(), "memory:", factory.capabilities());
  }

  @Override
  public void close() {}
}
