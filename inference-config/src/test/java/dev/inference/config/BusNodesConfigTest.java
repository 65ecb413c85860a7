package dev.inference.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [inference.bus.nodes.<node_id>]}: which profile serves each node of the BusDK contract,
 * read from TOML files; every mistake is a problem at its line and column.
 */
class BusNodesConfigTest {

  private static final String PROFILES =
      "[inference.runtimes.rt]\n"
          + "request_timeout_secs = 30\n"
          + "\n"
          + "[inference.profiles.local]\n"
          + "task = \"text_generation\"\n"
          + "driver = \"fake_all_types\"\n"
          + "runtime = \"rt\"\n"
          + "model = \"m\"\n"
          + "base_url = \"https://fake.test/v1\"\n"
          + "temperature = 0.2\n"
          + "max_output_tokens = 10\n"
          + "\n"
          + "[inference.profiles.embed]\n"
          + "task = \"embeddings\"\n";

  @TempDir Path dir;

  private InferenceConfig load(String bus) throws IOException {
    Path file = Files.writeString(dir.resolve("inference.toml"), PROFILES + "\n" + bus);
    return InferenceConfig.load(file, name -> Optional.empty());
  }

  private ConfigException problems(String bus) {
    return catchThrowableOfType(ConfigException.class, () -> load(bus));
  }

  @Test
  void eachNodeNamesTheProfileThatServesIt() throws IOException {
    InferenceConfig config =
        load(
            "[inference.bus.nodes.gpu]\nprofile = \"local\"\n\n"
                + "[inference.bus.nodes.edge_2]\nprofile = \"local\"\n");
    assertThat(config.busNodes())
        .containsExactly(
            java.util.Map.entry("edge_2", "local"), java.util.Map.entry("gpu", "local"));
  }

  @Test
  void aConfigWithoutBusNodesHasNone() throws IOException {
    assertThat(load("").busNodes()).isEmpty();
  }

  @Test
  void everyMistakeIsAProblemAtItsPlace() {
    ConfigException failure =
        problems(
            "[inference.bus]\n"
                + "relay = true\n"
                + "\n"
                + "[inference.bus.nodes.\"gpu 1\"]\n"
                + "profile = \"local\"\n"
                + "\n"
                + "[inference.bus.nodes.edge]\n"
                + "profile = \"embed\"\n"
                + "zone = \"eu\"\n"
                + "\n"
                + "[inference.bus.nodes.cpu]\n"
                + "profile = 3\n"
                + "\n"
                + "[inference.bus.nodes.spare]\n");
    assertThat(failure.problems())
        .extracting(ConfigProblem::path, ConfigProblem::message)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "inference.bus.relay", "unknown key 'relay' in [inference.bus]; supported: nodes"),
            org.assertj.core.groups.Tuple.tuple(
                "inference.bus.nodes.\"gpu 1\"",
                "node id 'gpu 1' must be letters, digits, '_' and '-' only (a deployment id)"),
            org.assertj.core.groups.Tuple.tuple(
                "inference.bus.nodes.edge.profile",
                "node 'edge' names profile 'embed', which is not a text_generation profile of"
                    + " this file; profiles: local"),
            org.assertj.core.groups.Tuple.tuple(
                "inference.bus.nodes.edge.zone",
                "unknown key 'zone' in node 'edge'; supported: profile"),
            org.assertj.core.groups.Tuple.tuple(
                "inference.bus.nodes.cpu.profile",
                "node 'cpu' field 'profile' must be a string, but was 3"),
            org.assertj.core.groups.Tuple.tuple(
                "inference.bus.nodes.spare.profile",
                "node 'spare' needs profile = \"<name of a text_generation profile>\""));
    assertThat(failure.problems()).allSatisfy(p -> assertThat(p.line()).isPositive());
  }
}
