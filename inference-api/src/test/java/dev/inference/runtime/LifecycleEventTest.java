package dev.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lifecycle states read from runtimes' words, and the watch a driver does not offer. */
class LifecycleEventTest {

  @Test
  void knownStatusesReadAsTheirStateAndOthersStayRaw() {
    assertThat(LifecycleEvent.State.fromStatus("loading_model"))
        .isEqualTo(LifecycleEvent.State.LOADING_MODEL);
    assertThat(LifecycleEvent.State.fromStatus(" Ready ")).isEqualTo(LifecycleEvent.State.READY);
    assertThat(LifecycleEvent.State.fromStatus("unknown")).isEqualTo(LifecycleEvent.State.UNKNOWN);
    LifecycleEvent hibernating = LifecycleEvent.of("hibernating");
    assertThat(hibernating.state()).isEqualTo(LifecycleEvent.State.UNKNOWN);
    assertThat(hibernating.status()).isEqualTo("hibernating");
    assertThat(hibernating.details().members()).isEmpty();
    assertThat(hibernating.downloadedBytes()).isEmpty();
  }

  @Test
  void aDriverThatCannotWatchSaysSoAndWhatToDoInstead() {
    RuntimeOperations polling =
        new RuntimeOperations() {
          @Override
          public RuntimeStatus status() {
            throw new AssertionError();
          }

          @Override
          public VerifyResult verify(Set<Check> checks) {
            throw new AssertionError();
          }

          @Override
          public EnsureModelResult ensureModel(String model, EnsureModelOptions options) {
            throw new AssertionError();
          }

          @Override
          public RuntimeStatus awaitReady(Duration timeout) {
            throw new AssertionError();
          }
        };
    assertThatThrownBy(() -> polling.watchLifecycle(event -> {}))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
              assertThat(e.getMessage()).contains("awaitReady");
            });
  }
}
