package dev.inference.config.fakes;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import java.util.concurrent.CompletableFuture;

/** TEST-ONLY client of the fake drivers: answers from memory with the model's name. */
public final class FakeClient implements InferenceClient {

  private final ProviderSettings settings;
  private final ProviderDescription description;
  private volatile boolean closed;

  FakeClient(ProviderSettings settings, ProviderDescription description) {
    this.settings = settings;
    this.description = description;
  }

  /** The settings it was created with. */
  public ProviderSettings settings() {
    return settings;
  }

  /** Whether close() was called. */
  public boolean closed() {
    return closed;
  }

  @Override
  public InferenceResponse infer(InferenceRequest request) {
    return InferenceResponse.builder()
        .text("fake answer from " + settings.model())
        .providerName(description.providerName())
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
    throw new UnsupportedOperationException("the fake does not stream");
  }

  @Override
  public ProviderDescription describe() {
    return description;
  }

  @Override
  public void close() {
    closed = true;
  }
}
