package dev.inference.cli;

import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.config.ConfigException;
import dev.inference.config.InferenceConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every profile command shares, and the config loading they share. */
abstract class BaseCommand implements Callable<Integer> {

  final Env env;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The TOML config. Default: $INFERENCE_CONFIG, else ./inference.toml, else a built-in"
              + " profile 'ollama_local' for Ollama on http://127.0.0.1:11434/api/chat (model"
              + " $INFERENCE_MODEL, default llama3.2).")
  @Nullable Path config;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "The text_generation profile. Default: the only one of the config.")
  @Nullable String profile;

  BaseCommand(Env env) {
    this.env = env;
  }

  /** A loaded config and the chosen profile. */
  record Loaded(ConfigSource source, InferenceConfig config, String profile) {}

  /** Loads the config; problems are printed and thrown as {@link Exit}. */
  Loaded load(int exitCode) {
    ConfigSource source = ConfigSource.discover(config, env);
    try {
      InferenceConfig loaded = source.load(env);
      return new Loaded(source, loaded, source.profile(profile, loaded));
    } catch (ConfigException failure) {
      source.describe(failure).forEach(env.err()::println);
      throw new Exit(exitCode);
    }
  }

  /** Connects the profile; problems are printed and thrown as {@link Exit}. */
  InferenceClient connect(Loaded loaded, int exitCode) {
    try {
      return loaded.config().client(loaded.profile());
    } catch (ConfigException failure) {
      loaded.source().describe(failure).forEach(env.err()::println);
      throw new Exit(exitCode);
    }
  }

  /**
   * The profiles the chosen one falls back to, in order ({@code fallback = [...]}); empty when it
   * names none.
   */
  static List<String> fallbackOf(Loaded loaded) {
    List<String> chain = loaded.config().fallbackChain(loaded.profile());
    return chain.subList(1, chain.size());
  }

  /** The failure with advice when nothing answered at the built-in profile's endpoint. */
  static InferenceException explain(Loaded loaded, InferenceException failure) {
    if (Failures.unreachable(failure)) {
      return loaded
          .source()
          .unreachableHint()
          .map(hint -> Failures.withAdvice(failure, hint))
          .orElse(failure);
    }
    return failure;
  }

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (Exit exit) {
      return exit.code;
    }
  }

  abstract int execute();

  /** Ends a command with an exit code after its message was printed. */
  static final class Exit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Exit(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }
}
