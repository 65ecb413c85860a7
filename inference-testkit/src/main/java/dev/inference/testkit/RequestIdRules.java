package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.completed;
import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.readAll;
import static dev.inference.testkit.KitCalls.request;
import static dev.inference.testkit.KitContext.DELTAS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rules of section 13 (request ids): responses and failures carry their request's id. */
final class RequestIdRules {

  private final KitContext kit;

  RequestIdRules(KitContext kit) {
    this.kit = kit;
  }

  /** Rule 13.1. */
  void responsesCarryTheRequestId() {
    InferenceClient client = kit.client();
    kit.stub(new Scenario.Text("ok", FinishReason.Kind.STOP, Optional.empty()));
    InferenceRequest given =
        InferenceRequest.builder().userPrompt("hi").requestId("conformance-rid-1").build();
    assertThat(client.infer(given).requestId())
        .as("the id of a request that set one")
        .isEqualTo("conformance-rid-1");
    InferenceRequest generated = InferenceRequest.of("hi");
    assertThat(client.infer(generated).requestId())
        .as("the id of a request that set none")
        .isEqualTo(generated.requestId());
    if (kit.factory().capabilities().streaming()) {
      kit.stub(new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.empty()));
      InferenceRequest streamed =
          InferenceRequest.builder().userPrompt("hi").requestId("conformance-rid-2").build();
      assertThat(completed(readAll(client, streamed)).requestId())
          .as("the id of a streamed response")
          .isEqualTo("conformance-rid-2");
    }
  }

  /** Rule 13.2. */
  void failuresCarryTheRequestIdAndProvider() {
    InferenceClient client = kit.client();
    kit.stub(new Scenario.HttpError(Scenario.Problem.SERVER_ERROR, "The server had an error."));
    InferenceRequest request =
        InferenceRequest.builder().userPrompt("hi").requestId("conformance-rid-3").build();
    List<InferenceException> failures = new ArrayList<>();
    failures.add(failureOf(() -> client.infer(request)));
    failures.add(failureOf(() -> readAll(client, request)));
    for (InferenceException failure : failures) {
      assertThat(failure.requestId())
          .as("requestId() of %s", failure)
          .contains("conformance-rid-3");
      assertThat(failure.providerName())
          .as("providerName() of %s", failure)
          .contains(client.describe().providerName());
    }
  }
}
