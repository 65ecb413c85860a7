package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.readAll;
import static dev.inference.testkit.KitContext.API_KEY;
import static dev.inference.testkit.KitContext.DELTAS;
import static dev.inference.testkit.KitContext.USAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.ProviderSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * The rules of section 11 (secrets): the API key shows nowhere, in failures, logs or descriptions.
 */
final class SecretRules {

  /** The password of rule 11.4, in the base URL's user-info. */
  static final String URL_PASSWORD = "url-PASSWORD-5e2b81";

  private final KitContext kit;

  SecretRules(KitContext kit) {
    this.kit = kit;
  }

  /** Rule 11.1. */
  void noKeyInFailures() {
    List<InferenceException> failures = new ArrayList<>();
    for (Scenario.HttpError echo :
        List.of(
            new Scenario.HttpError(
                Scenario.Problem.AUTHENTICATION, "Incorrect API key provided: " + API_KEY + "."),
            new Scenario.HttpError(
                Scenario.Problem.INVALID_REQUEST, "bad request from key " + API_KEY))) {
      if (kit.wire().http() || kit.wire().renders(echo)) {
        kit.stub(echo); // a socket protocol without an authentication error has no such frame
        failures.addAll(kit.failuresOfBothCalls());
      }
    }
    if (kit.factory().capabilities().streaming()) {
      kit.stub(new Scenario.MidStreamError(List.of("par"), "key " + API_KEY + " was revoked"));
      failures.add(failureOf(() -> readAll(kit.client(), InferenceRequest.of("hi"))));
    }
    for (InferenceException failure : failures) {
      assertThat(everythingShownBy(failure))
          .as("what %s shows", failure.kind())
          .doesNotContain(API_KEY);
    }
  }

  /** Rule 11.2. */
  void noKeyInLogs() {
    List<String> lines;
    try (LogCapture logs = new LogCapture()) {
      InferenceClient client = kit.client();
      kit.stub(new Scenario.Text("ok", FinishReason.Kind.STOP, Optional.of(USAGE)));
      client.infer(InferenceRequest.of("hi"));
      if (kit.factory().capabilities().streaming()) {
        kit.stub(new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.of(USAGE)));
        readAll(client, InferenceRequest.of("hi"));
      }
      Scenario.HttpError refused =
          new Scenario.HttpError(Scenario.Problem.AUTHENTICATION, "Incorrect API key " + API_KEY);
      kit.stub(
          kit.wire().http() || kit.wire().renders(refused)
              ? refused
              : new Scenario.HttpError(Scenario.Problem.INVALID_REQUEST, "bad key " + API_KEY));
      kit.failuresOfBothCalls();
      lines = logs.lines();
    }
    assertThat(String.join("\n", lines))
        .as("the %d log lines", lines.size())
        .doesNotContain(API_KEY);
  }

  /** Rule 11.3. */
  void noKeyInDescriptions() {
    InferenceClient client = kit.client();
    assertThat(client.describe().toString()).as("describe()").doesNotContain(API_KEY);
    assertThat(client.toString()).as("the client's toString()").doesNotContain(API_KEY);
    assertThat(kit.profile(UnaryOperator.identity()).toString())
        .as("the profile's toString()")
        .doesNotContain(API_KEY);
  }

  /** Rule 11.4. */
  void noUserInfoPasswordAnywhere() {
    kit.assumeHttp("user-info in an http(s) base URL; a socket endpoint takes none");
    Optional<URI> endpoint = kit.profile(UnaryOperator.identity()).baseUrl();
    Assumptions.assumeTrue(
        endpoint.isPresent(), "the fixture's profile has no base URL to put user-info in");
    URI withPassword = withUserInfo(endpoint.get(), "kit:" + URL_PASSWORD);
    UnaryOperator<ProviderSettings.Builder> change = profile -> profile.baseUrl(withPassword);
    List<String> shown = new ArrayList<>();
    try (LogCapture logs = new LogCapture()) {
      ProviderSettings profile = kit.profile(change);
      shown.add(profile.toString());
      shown.add(kit.factory().describe(profile).toString());
      InferenceClient client = kit.client(change);
      shown.add(client.describe().toString());
      shown.add(client.toString());
      kit.stub(new Scenario.HttpError(Scenario.Problem.SERVER_ERROR, "the model runner failed"));
      for (InferenceException failure : kit.failuresOfBothCalls(client)) {
        shown.add(everythingShownBy(failure));
      }
      shown.addAll(logs.lines());
    }
    assertThat(String.join("\n", shown))
        .as(
            "describe(), toString(), failures and log lines of a profile whose base URL has a password")
        .doesNotContain(URL_PASSWORD);
  }

  private static URI withUserInfo(URI uri, String userInfo) {
    try {
      return new URI(
          uri.getScheme(),
          userInfo,
          uri.getHost(),
          uri.getPort(),
          uri.getPath(),
          uri.getQuery(),
          uri.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot add user-info to " + uri, e);
    }
  }

  private static String everythingShownBy(Throwable failure) {
    StringBuilder shown = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      shown.append(t).append('\n').append(t.getMessage()).append('\n');
      if (t instanceof InferenceException inference) {
        inference.partialText().ifPresent(text -> shown.append(text).append('\n'));
        inference.providerCode().ifPresent(code -> shown.append(code).append('\n'));
      }
      for (Throwable suppressed : t.getSuppressed()) {
        shown.append(suppressed).append('\n');
      }
    }
    return shown.toString();
  }
}
