package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.fakes.AlphaFactory;
import dev.inference.fakes.AlphaTwinFactory;
import dev.inference.fakes.BetaFactory;
import dev.inference.fakes.FakeClient;
import dev.inference.spi.DriverContext;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Driver discovery through {@link java.util.ServiceLoader}, with the test drivers installed. */
class InferenceTest {

  @Test
  void driversListsTheInstalledIdsSorted() {
    assertThat(Inference.drivers()).containsExactly(AlphaFactory.ID, BetaFactory.ID);
  }

  @Test
  void anOptionSetInCodeThatTheDriverDoesNotDeclareIsRefused() {
    ProviderSettings typo =
        ProviderSettings.builder(AlphaFactory.ID)
            .model("m")
            .option("max_token_field", JsonValue.of("max_tokens"))
            .build();

    assertThatThrownBy(() -> Inference.connect(typo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("driver 'test_alpha' has no option 'max_token_field'; it takes no options");
  }

  @Test
  void connectCallsTheFactoryOfTheSettingsDriver() {
    ProviderSettings alpha = ProviderSettings.builder(AlphaFactory.ID).model("m1").build();
    ProviderSettings beta = ProviderSettings.builder(BetaFactory.ID).model("m2").build();

    try (InferenceClient first = Inference.connect(alpha);
        InferenceClient second = Inference.connect(beta)) {
      assertThat(first).isInstanceOf(FakeClient.class);
      assertThat(((FakeClient) first).factory()).isInstanceOf(AlphaFactory.class);
      assertThat(((FakeClient) first).settings()).isSameAs(alpha);
      assertThat(((FakeClient) first).context()).isSameAs(DriverContext.defaults());
      assertThat(((FakeClient) second).factory()).isInstanceOf(BetaFactory.class);
      assertThat(second.describe().kind()).isEqualTo(BetaFactory.ID);
      assertThat(first.infer(InferenceRequest.of("hi")).text()).isEqualTo(AlphaFactory.ID);
    }
  }

  @Test
  void connectPassesTheContext() {
    DriverContext context = DriverContext.builder().listener(new InferenceListener() {}).build();
    ProviderSettings beta = ProviderSettings.builder(BetaFactory.ID).model("m").build();

    try (InferenceClient client = Inference.connect(beta, context)) {
      assertThat(((FakeClient) client).context()).isSameAs(context);
    }
  }

  @Test
  void factoryFindsTheDriverById() {
    assertThat(Inference.factory(AlphaFactory.ID)).isInstanceOf(AlphaFactory.class);
  }

  @Test
  void anUnknownDriverListsTheInstalledOnes() {
    ProviderSettings settings = ProviderSettings.builder("foo").model("m").build();

    assertThatThrownBy(() -> Inference.connect(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no driver 'foo'; installed drivers: test_alpha, test_beta");
  }

  @Test
  void withNoDriverVisibleTheMessageSaysSo() throws Exception {
    // The platform class loader cannot see the class path, so it finds no service file.
    String message =
        withContextClassLoader(
            ClassLoader.getPlatformClassLoader(),
            () -> {
              assertThat(Inference.drivers()).isEmpty();
              try {
                Inference.factory("openai_chat_completions");
                return null;
              } catch (IllegalArgumentException expected) {
                return expected.getMessage();
              }
            });

    assertThat(message)
        .startsWith(
            "no driver 'openai_chat_completions'; add the artifact dev.inference:inference-openai"
                + " to the class path; installed drivers: none");
  }

  @Test
  void withoutAContextClassLoaderTheApiClassLoaderIsUsed() throws Exception {
    assertThat(withContextClassLoader(null, Inference::drivers))
        .containsExactly(AlphaFactory.ID, BetaFactory.ID);
  }

  @Test
  void twoInstalledDriversWithTheSameIdAreAnErrorNamingBothClasses(@TempDir Path jar)
      throws Exception {
    Path services = jar.resolve("META-INF/services/dev.inference.spi.ProviderFactory");
    Files.createDirectories(services.getParent());
    Files.writeString(services, AlphaTwinFactory.class.getName() + "\n");

    try (URLClassLoader withTwin =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, InferenceTest.class.getClassLoader())) {
      assertThatThrownBy(() -> withContextClassLoader(withTwin, Inference::drivers))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'" + AlphaFactory.ID + "'")
          .hasMessageContaining(AlphaFactory.class.getName())
          .hasMessageContaining(AlphaTwinFactory.class.getName());
    }
  }

  private static <T> T withContextClassLoader(ClassLoader loader, Callable<T> action)
      throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
