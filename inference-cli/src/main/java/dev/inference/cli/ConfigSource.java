package dev.inference.cli;

import dev.inference.JsonValue;
import dev.inference.config.ConfigException;
import dev.inference.config.ConfigProblem;
import dev.inference.config.ConfigWarning;
import dev.inference.config.InferenceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * Where the config comes from: {@code --config}, else {@code $INFERENCE_CONFIG}, else {@code
 * ./inference.toml}, else a built-in profile {@code ollama_local} for a local Ollama.
 */
final class ConfigSource {

  static final String ENV_CONFIG = "INFERENCE_CONFIG";
  static final String ENV_MODEL = "INFERENCE_MODEL";
  static final String LOCAL_FILE = "inference.toml";
  static final String BUILT_IN_PROFILE = "ollama_local";
  static final String BUILT_IN_ENDPOINT = "http://127.0.0.1:11434/api/chat";
  static final String DEFAULT_MODEL = "llama3.2";
  static final String BUILT_IN_NAME = "<built-in config>";

  private final @Nullable Path path;
  private final List<String> tried;
  private final String model;

  private ConfigSource(@Nullable Path path, List<String> tried, String model) {
    this.path = path;
    this.tried = List.copyOf(tried);
    this.model = model;
  }

  static ConfigSource discover(@Nullable Path option, Env env) {
    List<String> tried = new ArrayList<>();
    Optional<String> modelFromEnv = env.env(ENV_MODEL);
    String model = modelFromEnv.isPresent() ? modelFromEnv.get().strip() : DEFAULT_MODEL;
    if (option != null) {
      return new ConfigSource(env.workingDirectory().resolve(option), tried, model);
    }
    tried.add("--config (not given)");
    Optional<String> fromEnv = env.env(ENV_CONFIG);
    if (fromEnv.isPresent()) {
      return new ConfigSource(env.workingDirectory().resolve(fromEnv.get().strip()), tried, model);
    }
    tried.add("$" + ENV_CONFIG + " (not set)");
    Path local = env.workingDirectory().resolve(LOCAL_FILE);
    if (Files.isRegularFile(local)) {
      return new ConfigSource(local, tried, model);
    }
    tried.add("./" + LOCAL_FILE + " (not found in " + env.workingDirectory() + ")");
    return new ConfigSource(null, tried, model);
  }

  boolean builtIn() {
    return path == null;
  }

  /** The file name for locations: the path as given, or {@code <built-in config>}. */
  String name() {
    return path == null ? BUILT_IN_NAME : path.toString();
  }

  InferenceConfig load(Env env) {
    if (path == null) {
      return InferenceConfig.parse(builtInToml(model), env.environment());
    }
    return InferenceConfig.load(path, env.environment());
  }

  /** The profile to use: the option, else the only profile of the config, else an error. */
  String profile(@Nullable String option, InferenceConfig config) {
    if (option != null) {
      return option;
    }
    if (path == null) {
      return BUILT_IN_PROFILE;
    }
    SortedSet<String> names = config.profileNames();
    if (names.size() == 1) {
      return names.first();
    }
    throw new ConfigException(
        List.of(
            new ConfigProblem(
                "",
                0,
                0,
                "choose a profile with --profile; text_generation profiles: "
                    + String.join(", ", names))));
  }

  /**
   * What a transport failure with the built-in config should add: what was tried and what to do.
   */
  Optional<String> unreachableHint() {
    if (path != null) {
      return Optional.empty();
    }
    return Optional.of(
        "No config was found (tried "
            + String.join(", ", tried)
            + "), so the built-in profile '"
            + BUILT_IN_PROFILE
            + "' was used: Ollama at "
            + BUILT_IN_ENDPOINT
            + " with model '"
            + model
            + "', and nothing answered there. Start Ollama ('ollama serve', then 'ollama pull "
            + model
            + "'), set $"
            + ENV_MODEL
            + " to a model you have, or point to a config with --config FILE or $"
            + ENV_CONFIG
            + ".");
  }

  /** One stderr line per problem: {@code file:line:column: message}. */
  List<String> describe(ConfigException failure) {
    List<String> lines = new ArrayList<>();
    for (ConfigProblem problem : failure.problems()) {
      lines.add(location(problem.path(), problem.line(), problem.column(), problem.message()));
    }
    return lines;
  }

  String describe(ConfigWarning warning) {
    return location(warning.path(), warning.line(), warning.column(), warning.message());
  }

  private String location(String key, int line, int column, String message) {
    StringBuilder out = new StringBuilder(name());
    if (line > 0) {
      out.append(':').append(line).append(':').append(column);
    }
    out.append(": ");
    if (!key.isEmpty()) {
      out.append(key).append(": ");
    }
    return out.append(message).toString();
  }

  static String builtInToml(String model) {
    return "[inference.runtimes.ollama]\n"
        + "request_timeout_secs = 300\n"
        + "\n"
        + "[inference.profiles."
        + BUILT_IN_PROFILE
        + "]\n"
        + "task = \"text_generation\"\n"
        + "driver = \"ollama_chat\"\n"
        + "runtime = \"ollama\"\n"
        + "model = "
        + JsonValue.of(model).toJson()
        + "\n"
        + "base_url = \""
        + BUILT_IN_ENDPOINT
        + "\"\n"
        + "temperature = 0.2\n"
        + "max_output_tokens = 2048\n";
  }
}
