package dev.inference.kit;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderDescription;
import dev.inference.runtime.RuntimeOperations;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A driver's client that is its pipeline and, optionally, its runtime operations. */
final class PipelineClient implements InferenceClient {

  private final CallPipeline pipeline;
  private final Optional<RuntimeOperations> operations;

  PipelineClient(CallPipeline pipeline, Optional<RuntimeOperations> operations) {
    this.pipeline = pipeline;
    this.operations = operations;
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
    return operations;
  }

  @Override
  public void close() {
    pipeline.close();
  }

  @Override
  public String toString() {
    return "InferenceClient{" + pipeline.description() + '}';
  }
}
