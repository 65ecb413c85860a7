package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.spi.ConfigKey;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * The rules of sections 1 (discovery) and 2 (describe): what a driver declares, and that it
 * describes itself without a call.
 */
final class DiscoveryRules {

  private final KitContext kit;

  DiscoveryRules(KitContext kit) {
    this.kit = kit;
  }

  /** Rule 1.1. */
  void idIsSnakeCaseAndInstalledOnce() {
    String id = kit.factory().id();
    assertThat(id).as("the id").matches("[a-z][a-z0-9_]*");
    assertThat(Inference.drivers())
        .as("the drivers ServiceLoader finds (META-INF/services and module-info provides)")
        .contains(id);
    assertThat(Inference.factory(id).id()).isEqualTo(id);
  }

  /** Rule 1.2. */
  void configKeysAreUniqueAndDescribed() {
    Set<String> names = new HashSet<>();
    for (ConfigKey<?> key : kit.factory().configKeys()) {
      assertThat(names.add(key.name()))
          .as("config key '%s' is declared twice", key.name())
          .isTrue();
      assertThat(key.description()).as("the description of '%s'", key.name()).isNotBlank();
    }
  }

  /** Rule 1.3. */
  void clientDeclaresTheFactorysCapabilities() {
    assertThat(kit.client().describe().capabilities())
        .as("describe().capabilities() against kit.factory().capabilities()")
        .isEqualTo(kit.factory().capabilities());
  }

  /** Rule 1.4. */
  void undeclaredModesAreUnsupported() {
    Set<ResponseFormat.Kind> missing = EnumSet.allOf(ResponseFormat.Kind.class);
    missing.removeAll(kit.factory().capabilities().responseFormats());
    Assumptions.assumeFalse(
        missing.isEmpty(), "the driver declares every response format, so none is unsupported");
    InferenceClient client = kit.client();
    for (ResponseFormat.Kind mode : missing) {
      InferenceException failure = failureOf(() -> client.infer(request(mode)));
      assertThat(failure.kind())
          .as("the kind for undeclared mode %s", mode)
          .isEqualTo(ErrorKind.UNSUPPORTED);
    }
    assertThat(kit.requestsSeen()).as("requests the server saw").isZero();
  }

  /** Rule 2.1. */
  void describeIsLocalAndComplete() {
    ProviderSettings profile = kit.profile(UnaryOperator.identity());
    ProviderDescription description = kit.client().describe();
    assertThat(kit.requestsSeen()).as("requests the server saw during describe()").isZero();
    assertThat(description.kind()).as("kind").isNotBlank();
    assertThat(description.providerName()).as("providerName").isNotBlank();
    assertThat(description.modelName()).as("modelName").isEqualTo(profile.model());
    assertThat(description.endpoint()).as("endpoint").contains(kit.wire().endpointShown());
  }
}
