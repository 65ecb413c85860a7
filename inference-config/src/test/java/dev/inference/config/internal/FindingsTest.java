package dev.inference.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;

class FindingsTest {

  /** Key paths are written as tomlj writes them, with or without a key to quote. */
  @Test
  void keyPathsAreWrittenAsTomljWritesThem() {
    List<List<String>> paths =
        List.of(
            List.of("inference", "profiles", "fast", "model"),
            List.of("inference", "profiles", "my profile", "model"),
            List.of("inference", "runtimes", "Local_1-b"),
            List.of("a.b", "c"),
            List.of(""),
            List.of("é", "x"),
            List.of("quote\"d", "back\\slash", "tab\t"),
            List.of("inference", "profiles", "fast", "headers", "X-Custom"));
    for (List<String> path : paths) {
      assertThat(Findings.keyPath(path)).as(path.toString()).isEqualTo(Toml.joinKeyPath(path));
    }
  }
}
