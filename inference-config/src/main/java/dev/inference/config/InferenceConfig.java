package dev.inference.config;

import dev.inference.FallbackPolicy;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceListener;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.config.internal.ConfigReader;
import dev.inference.config.internal.RuntimeValues;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A checked Bitloops daemon inference config: the {@code text_generation} profiles of {@code
 * [inference.profiles.<name>]}, the runtimes they use, and a client per profile.
 *
 * <pre>{@code
 * InferenceConfig config = InferenceConfig.load(Path.of("config.toml"));
 * try (InferenceClient client = config.client("openai_fast")) {
 *   System.out.println(client.infer(InferenceRequest.of("Say hello.")).text());
 * }
 * }</pre>
 *
 * <p>Loading reads the whole file and reports every problem at once, each with its TOML path and
 * line:column, in one {@link ConfigException}. {@code ${NAME}} placeholders in the profile strings
 * that are read are substituted when the config is loaded; runtimes are never substituted. Profiles
 * whose {@code task} is not {@code text_generation} are checked for their task only and then
 * ignored ({@link #ignoredProfiles()}). The profile's driver must be installed (its jar on the
 * class path) when the config is loaded, because its declared keys decide which profile keys are
 * allowed.
 *
 * <p>Instances are immutable and thread-safe; no message or {@code toString()} shows a key.
 *
 * @since 0.1
 */
public final class InferenceConfig {

  private final ConfigReader.Parsed parsed;
  private final Map<String, RuntimeConfig> runtimes;

  private InferenceConfig(ConfigReader.Parsed parsed) {
    this.parsed = parsed;
    Map<String, RuntimeConfig> byName = new LinkedHashMap<>();
    for (Map.Entry<String, RuntimeValues> runtime : parsed.runtimes().entrySet()) {
      byName.put(runtime.getKey(), new RuntimeConfig(runtime.getValue()));
    }
    this.runtimes = Collections.unmodifiableMap(byName);
  }

  /**
   * Loads a config file, substituting {@code ${NAME}} from the process environment.
   *
   * @param path the TOML file
   * @return the config
   * @throws ConfigException if the file cannot be read or has problems; lists all of them
   */
  public static InferenceConfig load(Path path) {
    return load(path, InferenceConfig::systemEnvironment);
  }

  /**
   * Loads a config file with the given environment for {@code ${NAME}} placeholders.
   *
   * @param path the TOML file
   * @param environment the value of a variable, or empty when it is not set; never returns {@code
   *     null}
   * @return the config
   * @throws ConfigException if the file cannot be read or has problems; lists all of them
   */
  public static InferenceConfig load(Path path, Function<String, Optional<String>> environment) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(environment, "environment");
    if (Files.isDirectory(path)) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  "", 0, 0, "failed to read config file " + path + ": it is a directory")));
    }
    byte[] bytes;
    // bounded, so that a device or a runaway file cannot exhaust memory
    try (java.io.InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException failure) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  "", 0, 0, "failed to read config file " + path + ": " + describe(failure))));
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  "",
                  0,
                  0,
                  "config file "
                      + path
                      + " is larger than "
                      + MAX_FILE_BYTES / (1024 * 1024)
                      + " MiB; a config is a few kilobytes")));
    }
    return parse(decode(path, bytes), environment);
  }

  /** The largest config file read: 16 MiB. */
  static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  /** Strict UTF-8: a bad byte is a problem at its line and column, not a replacement character. */
  private static String decode(Path path, byte[] bytes) {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
    java.nio.charset.CoderResult result =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
            .decode(in, out, true);
    if (result.isError()) {
      int bad = in.position();
      int lineStart = 0;
      int line = 1;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      int column =
          new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  "",
                  line,
                  column,
                  "config file "
                      + path
                      + " is not valid UTF-8: byte 0x"
                      + String.format("%02X", bytes[bad] & 0xFF)
                      + " cannot start or continue a character; save the file as UTF-8")));
    }
    out.flip();
    return out.toString();
  }

  /**
   * Reads a config from TOML text, substituting {@code ${NAME}} from the process environment.
   *
   * @param toml the TOML document
   * @return the config
   * @throws ConfigException if the config has problems; lists all of them
   */
  public static InferenceConfig parse(String toml) {
    return parse(toml, InferenceConfig::systemEnvironment);
  }

  /**
   * Reads a config from TOML text with the given environment for {@code ${NAME}} placeholders.
   *
   * @param toml the TOML document
   * @param environment the value of a variable, or empty when it is not set; never returns {@code
   *     null}
   * @return the config
   * @throws ConfigException if the config has problems; lists all of them
   */
  public static InferenceConfig parse(String toml, Function<String, Optional<String>> environment) {
    Objects.requireNonNull(toml, "toml");
    Objects.requireNonNull(environment, "environment");
    return new InferenceConfig(ConfigReader.read(toml, environment, InstalledDrivers.INSTANCE));
  }

  /**
   * The names of the {@code text_generation} profiles.
   *
   * @return the names, sorted; never empty
   */
  public SortedSet<String> profileNames() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(parsed.profiles().keySet()));
  }

  /**
   * The names of the profiles that were ignored because their task is not {@code text_generation}
   * (such as {@code embeddings}).
   *
   * @return the names, sorted; possibly empty
   */
  public SortedSet<String> ignoredProfiles() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(parsed.ignored().keySet()));
  }

  /**
   * The provider settings of a profile: driver, model, endpoint, key, default temperature and
   * output-token limit, the runtime's timeouts and the driver-specific options.
   *
   * @param profile a name from {@link #profileNames()}
   * @return the settings
   * @throws ConfigException if there is no such text profile; the message lists the profiles
   */
  public ProviderSettings settings(String profile) {
    return profile(profile).settings();
  }

  /**
   * The runtime a profile uses.
   *
   * @param profile a name from {@link #profileNames()}
   * @return the runtime
   * @throws ConfigException if there is no such text profile; the message lists the profiles
   */
  public RuntimeConfig runtimeOf(String profile) {
    return Objects.requireNonNull(runtimes.get(profile(profile).runtime()));
  }

  /**
   * The runtimes, by name, whether a profile uses them or not.
   *
   * @return an unmodifiable map sorted by name
   */
  public Map<String, RuntimeConfig> runtimes() {
    return runtimes;
  }

  /**
   * Connects a client for a profile with the default {@link DriverContext}.
   *
   * @param profile a name from {@link #profileNames()}
   * @return the client; close it when done
   * @throws ConfigException if there is no such text profile, or its driver refuses the profile
   */
  public InferenceClient client(String profile) {
    return client(profile, DriverContext.defaults());
  }

  /**
   * Connects a client for a profile that reports its calls to a listener.
   *
   * @param profile a name from {@link #profileNames()}
   * @param listener told of each call, attempt, retry and failure
   * @return the client; close it when done
   * @throws ConfigException if there is no such text profile, or its driver refuses the profile
   * @since 0.2
   */
  public InferenceClient client(String profile, InferenceListener listener) {
    return client(profile, DriverContext.builder().listener(listener).build());
  }

  /**
   * Connects a client for a profile through {@link Inference#connect(ProviderSettings,
   * DriverContext)}. A profile that names {@code fallback = ["other", ...]} gets a client of {@link
   * Inference#fallback(List, FallbackPolicy)} over its whole {@linkplain #fallbackChain chain}, on
   * the context's clock and listener.
   *
   * @param profile a name from {@link #profileNames()}
   * @param context the listener and other shared parts
   * @return the client; close it when done
   * @throws ConfigException if there is no such text profile, or its driver refuses the profile
   *     (the problem points at the profile)
   */
  public InferenceClient client(String profile, DriverContext context) {
    Objects.requireNonNull(context, "context");
    List<String> chain = fallbackChain(profile);
    if (chain.size() == 1) {
      return connect(profile, context);
    }
    List<InferenceClient> clients = new ArrayList<>();
    try {
      for (String name : chain) {
        clients.add(connect(name, context));
      }
    } catch (RuntimeException refused) {
      clients.forEach(InferenceClient::close);
      throw refused;
    }
    return Inference.fallback(
        clients,
        FallbackPolicy.builder().clock(context.clock()).listener(context.listener()).build());
  }

  /**
   * A profile's fallback chain: the profile, then the profiles its {@code fallback} key names, in
   * order, each followed by its own chain, each profile once.
   *
   * @param profile a name from {@link #profileNames()}
   * @return the chain, the profile first; just the profile when it names no fallback
   * @throws ConfigException if there is no such text profile
   * @since 0.2
   */
  public List<String> fallbackChain(String profile) {
    profile(profile);
    return parsed.fallbackChain(profile);
  }

  private InferenceClient connect(String profile, DriverContext context) {
    ConfigReader.Profile found = profile(profile);
    try {
      return Inference.connect(found.settings(), context);
    } catch (IllegalArgumentException refused) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  found.path(),
                  found.line(),
                  found.column(),
                  "driver '"
                      + found.settings().driver()
                      + "' refused profile '"
                      + found.name()
                      + "': "
                      + refused.getMessage())));
    }
  }

  /**
   * What a profile's client talks to (kind, provider, model, endpoint, capabilities), as its driver
   * describes it ({@link ProviderFactory#describe}): no client is created and nothing is sent.
   *
   * @param profile a name from {@link #profileNames()}
   * @return the description
   * @throws ConfigException if there is no such text profile, or its driver refuses the profile
   */
  public ProviderDescription describe(String profile) {
    ProviderSettings settings = settings(profile);
    return Inference.factory(settings.driver()).describe(settings);
  }

  /**
   * The nodes of the BusDK inference contract this config serves: {@code
   * [inference.bus.nodes.<node_id>]} tables, each naming the text_generation profile that serves
   * the node ({@code profile = "<name>"}).
   *
   * @return node id to profile name, sorted; empty when the config has no such table
   * @since 0.2
   */
  public SortedMap<String, String> busNodes() {
    return parsed.busNodes();
  }

  /**
   * What in the config looks like a mistake but does not stop it from loading, such as an API key
   * written inline.
   *
   * @return the warnings in file order; possibly empty
   */
  public List<ConfigWarning> warnings() {
    return parsed.warnings();
  }

  /**
   * Names the profiles and runtimes; never a key.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "InferenceConfig{profiles="
        + parsed.profiles().keySet()
        + ", ignored="
        + parsed.ignored().keySet()
        + ", runtimes="
        + parsed.runtimes().keySet()
        + ", warnings="
        + parsed.warnings().size()
        + '}';
  }

  private ConfigReader.Profile profile(String name) {
    Objects.requireNonNull(name, "profile");
    ConfigReader.Profile found = parsed.profiles().get(name);
    if (found != null) {
      return found;
    }
    String known = "text_generation profiles: " + String.join(", ", parsed.profiles().keySet());
    ConfigReader.Ignored skipped = parsed.ignored().get(name);
    if (skipped != null) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  skipped.path(),
                  skipped.line(),
                  skipped.column(),
                  "profile '"
                      + name
                      + "' was not found in the config: it was ignored because its task is "
                      + skipped.task()
                      + ", not text_generation; "
                      + known)));
    }
    throw new ConfigException(
        List.of(
            new ConfigProblem(
                "", 0, 0, "profile '" + name + "' was not found in the config; " + known)));
  }

  private static Optional<String> systemEnvironment(String name) {
    return Optional.ofNullable(System.getenv(name));
  }

  private static String describe(IOException failure) {
    return failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }

  /** The drivers on the class path or module path, through {@link Inference}. */
  private enum InstalledDrivers implements ConfigReader.Drivers {
    INSTANCE;

    @Override
    public SortedSet<String> ids() {
      return Inference.drivers();
    }

    @Override
    public ProviderFactory factory(String id) {
      return Inference.factory(id);
    }

    @Override
    public String missing(String id) {
      try {
        Inference.factory(id);
        return "driver '" + id + "' is installed";
      } catch (IllegalArgumentException absent) {
        return String.valueOf(absent.getMessage());
      }
    }
  }
}
