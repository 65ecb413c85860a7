package dev.inference.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderSettings;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverRegistryTest {

  /** A factory with a configurable id. */
  static class NamedFactory implements ProviderFactory {
    private final String id;

    NamedFactory(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.builder().build();
    }

    @Override
    public InferenceClient create(ProviderSettings settings, DriverContext context) {
      throw new UnsupportedOperationException();
    }
  }

  /** Another class that can claim the same id. */
  static final class OtherFactory extends NamedFactory {
    OtherFactory(String id) {
      super(id);
    }
  }

  @Test
  void findsFactoriesByIdAndListsIdsSorted() {
    NamedFactory b = new NamedFactory("b");
    NamedFactory a = new NamedFactory("a");
    DriverRegistry registry = DriverRegistry.of(List.of(b, a));

    assertThat(registry.ids()).containsExactly("a", "b");
    assertThat(registry.factory("a")).isSameAs(a);
    assertThat(registry.factory("b")).isSameAs(b);
  }

  @Test
  void anUnknownIdListsTheInstalledIds() {
    DriverRegistry registry =
        DriverRegistry.of(List.of(new NamedFactory("b"), new NamedFactory("a")));

    assertThatThrownBy(() -> registry.factory("foo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no driver 'foo'; installed drivers: a, b");
  }

  @Test
  void oneOfOurDriversThatIsMissingNamesItsArtifact() {
    DriverRegistry registry = DriverRegistry.of(List.of(new NamedFactory("a")));

    assertThatThrownBy(() -> registry.factory("ollama_chat"))
        .hasMessage(
            "no driver 'ollama_chat'; add the artifact dev.inference:inference-ollama to the class"
                + " path; installed drivers: a");
  }

  @Test
  void withNoDriversTheMessageSaysNoneAreInstalled() {
    assertThatThrownBy(() -> DriverRegistry.of(List.of()).factory("foo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no driver 'foo'; installed drivers: none");
  }

  @Test
  void twoClassesWithTheSameIdAreAnErrorNamingBoth() {
    List<ProviderFactory> found = List.of(new NamedFactory("dup"), new OtherFactory("dup"));

    assertThatThrownBy(() -> DriverRegistry.of(found))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'dup'")
        .hasMessageContaining(NamedFactory.class.getName())
        .hasMessageContaining(OtherFactory.class.getName());
  }

  @Test
  void theSameClassFoundTwiceIsNotAConflict() {
    NamedFactory first = new NamedFactory("x");

    DriverRegistry registry = DriverRegistry.of(List.of(first, new NamedFactory("x")));

    assertThat(registry.ids()).containsExactly("x");
    assertThat(registry.factory("x")).isSameAs(first);
  }

  @Test
  void idsAreUnmodifiable() {
    DriverRegistry registry = DriverRegistry.of(List.of(new NamedFactory("a")));

    assertThatThrownBy(() -> registry.ids().add("b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
