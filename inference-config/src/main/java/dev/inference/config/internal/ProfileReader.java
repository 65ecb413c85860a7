package dev.inference.config.internal;

import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.Secret;
import dev.inference.config.ConfigProblem;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.ProviderFactory;
import dev.inference.spi.SettingsProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

final class ProfileReader {
  private final String name;
  private final List<String> path;
  final TomlTree.Table table;
  private int problemsBefore;

  private final ConfigReader reader;
  private final Findings findings;
  private final ProfileValues values = new ProfileValues(this);

  ProfileReader(ConfigReader reader, String name, List<String> path, TomlTree.Table table) {
    this.reader = reader;
    this.findings = reader.findings;
    this.name = name;
    this.path = path;
    this.table = table;
  }

  String field(String key) {
    return "profile '" + name + "' field '" + key + "'";
  }

  /** A string field as written, for messages: substituted values are never shown. */
  String display(String key) {
    Object value = table.get(List.of(key));
    return value instanceof String raw ? Shown.showString(raw) : Shown.show(value);
  }

  List<String> at(String key) {
    return Findings.append(path, key);
  }

  void fail(String key, String message) {
    findings.problem(at(key), field(key) + " " + message);
  }

  Findings findings() {
    return findings;
  }

  Function<String, Optional<String>> environment() {
    return reader.environment;
  }

  void read() {
    problemsBefore = findings.count();
    List<String> legacy = new ArrayList<>();
    for (String key : new TreeSet<>(table.keySet())) {
      if (ConfigReader.LEGACY_KEYS.contains(key)) {
        legacy.add(key);
      }
    }
    if (!legacy.isEmpty()) {
      findings.problem(
          at(legacy.get(0)),
          "profile '"
              + name
              + "' uses legacy inference field(s): "
              + String.join(", ", legacy)
              + "; bitloops-inference now expects the Bitloops daemon schema with"
              + " [inference.runtimes.<name>] and [inference.profiles.<name>]");
    }
    Optional<String> task = requiredString("task", false);
    if (task.isEmpty()) {
      reader.taskProblem = true;
      return;
    }
    if (!task.get().equals(ConfigReader.TEXT_GENERATION)) {
      TomlTree.Position position = findings.position(path);
      reader.ignored.put(
          name,
          new ConfigReader.Ignored(
              name,
              display("task"),
              Findings.keyPath(path),
              Findings.line(position),
              Findings.column(position)));
      String spelled = task.get().toLowerCase(Locale.ROOT).replace('-', '_');
      if (spelled.equals(ConfigReader.TEXT_GENERATION)) {
        findings.warning(
            at("task"),
            "profile '"
                + name
                + "' is ignored: its task '"
                + task.get()
                + "' is not exactly 'text_generation'");
      }
      return;
    }
    reader.textProfiles++;
    readText(legacy);
  }

  private void readText(List<String> legacy) {
    Optional<String> driver = requiredString("driver", false);
    // plain code, not Optional's lambdas: this runs on the way to the first answer of `inference
    // run`, where every lambda's call site costs a link (bench/notes.md)
    Optional<ProviderFactory> factory =
        driver.isPresent() ? factory(driver.get()) : Optional.empty();
    if (factory.isPresent()) {
      checkKeys(factory.get(), legacy);
    }
    Optional<String> model = requiredString("model", false);
    Optional<URI> baseUrl = factory.isPresent() ? baseUrl(factory.get()) : Optional.empty();
    ApiKey apiKey = apiKey();
    OptionalDouble temperature = values.temperature();
    OptionalLong maxOutputTokens = values.maxOutputTokens();
    Optional<RuntimeValues> runtime = runtime();
    boolean allowInsecureHttp = allowInsecureHttp();
    Optional<java.nio.file.Path> tlsCaFile = tlsCaFile();
    Map<String, JsonValue> options = new LinkedHashMap<>();
    if (factory.isEmpty()) {
      return;
    }
    values.options(factory.get(), options);
    // the driver checks what it can even when other keys are wrong, so every problem of the
    // file shows at once; a profile with any problem is not kept
    boolean complete =
        findings.count() == problemsBefore && model.isPresent() && runtime.isPresent();
    ProviderSettings.Builder settings =
        ProviderSettings.builder(factory.get().id()).profileName(name).model(model.orElse("unset"));
    if (runtime.isPresent()) {
      RuntimeValues r = runtime.get();
      settings
          .requestTimeout(Duration.ofSeconds(r.requestTimeoutSecs().getAsLong()))
          .connectTimeout(Duration.ofSeconds(r.connectTimeoutSecs()));
      RuntimeReader.resilience(r, settings);
    }
    if (baseUrl.isPresent()) {
      settings.baseUrl(baseUrl.get());
    }
    if (apiKey.secret.isPresent()) {
      settings.apiKey(apiKey.secret.get());
    }
    settings.allowInsecureHttp(allowInsecureHttp);
    if (tlsCaFile.isPresent()) {
      settings.tlsCaFile(tlsCaFile.get());
    }
    if (temperature.isPresent()) {
      settings.temperature(temperature.getAsDouble());
    }
    if (maxOutputTokens.isPresent()) {
      settings.maxOutputTokens(maxOutputTokens.getAsLong());
    }
    for (Map.Entry<String, JsonValue> option : options.entrySet()) {
      settings.option(option.getKey(), option.getValue());
    }
    ProviderSettings built = settings.build();
    driverProblems(factory.get(), built);
    if (!complete || findings.count() != problemsBefore) {
      return;
    }
    TomlTree.Position position = findings.position(path);
    reader.profiles.put(
        name,
        new ConfigReader.Profile(
            name,
            built,
            runtime.get().name(),
            Findings.keyPath(path),
            Findings.line(position),
            Findings.column(position)));
    if (apiKey.secret.isPresent()) {
      apiKeyWarning(apiKey);
    }
  }

  private Optional<ProviderFactory> factory(String id) {
    SortedSet<String> ids = reader.installedIds();
    if (ids.contains(id)) {
      ProviderFactory factory = reader.factories.get(id);
      if (factory == null) {
        factory = reader.drivers.factory(id);
        reader.factories.put(id, factory);
      }
      return Optional.of(factory);
    }
    // the registry's explanation repeats the id: only for an id written in the file, never for
    // one substituted from the reader.environment
    boolean substituted = String.valueOf(table.get(List.of("driver"))).contains("${");
    fail(
        "driver",
        "has unsupported value "
            + display("driver")
            + (substituted
                ? "; installed drivers: " + ConfigReader.installedText(ids)
                : ": " + reader.drivers.missing(id)));
    return Optional.empty();
  }

  private void checkKeys(ProviderFactory factory, List<String> legacy) {
    SortedSet<String> supported = new TreeSet<>(ConfigReader.COMMON_KEYS);
    supported.add(FallbackReader.KEY);
    for (ConfigKey<?> key : factory.configKeys()) {
      supported.add(key.name());
    }
    for (String key : new TreeSet<>(table.keySet())) {
      if (!supported.contains(key) && !legacy.contains(key)) {
        findings.problem(
            at(key),
            "profile '"
                + name
                + "' contains unsupported field '"
                + key
                + "'; supported fields for driver '"
                + factory.id()
                + "' are "
                + String.join(", ", supported));
      }
    }
  }

  /** Interpolated, trimmed, non-blank; empty after reporting a problem (or if absent). */
  private Optional<String> requiredString(String key, boolean secret) {
    Object value = table.get(List.of(key));
    if (value == null) {
      findings.problem(at(key), field(key) + " is required");
      return Optional.empty();
    }
    return presentString(key, value, secret);
  }

  private Optional<String> presentString(String key, Object value, boolean secret) {
    if (!(value instanceof String raw)) {
      fail(key, "must be a string, but was " + (secret ? Shown.kind(value) : Shown.show(value)));
      return Optional.empty();
    }
    Optional<String> text = interpolate(key, raw);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String trimmed = text.get().trim();
    if (trimmed.isEmpty()) {
      if (raw.contains("${")) {
        fail(
            key,
            "must not be blank, but '"
                + raw
                + "' is blank after substituting environment variables");
      } else {
        fail(key, "must not be blank" + (secret ? "" : ", but was " + Shown.showString(raw)));
      }
      return Optional.empty();
    }
    return Optional.of(trimmed);
  }

  Optional<String> interpolate(String key, String raw) {
    Interpolation.Result result = Interpolation.interpolate(raw, reader.environment);
    if (result.error().isPresent()) {
      fail(key, "cannot be read: " + result.error().get());
      return Optional.empty();
    }
    return result.value();
  }

  /**
   * The endpoint: required unless the driver has a default; what a driver asks of it beyond being a
   * URL is the driver's {@link ProviderFactory#validate} to say.
   */
  private Optional<URI> baseUrl(ProviderFactory factory) {
    Object value = table.get(List.of("base_url"));
    if (value == null) {
      Optional<URI> fallback = factory.defaultBaseUrl();
      if (fallback.isEmpty()) {
        fail("base_url", "is required");
      }
      return fallback;
    }
    Optional<String> text = presentString("base_url", value, false);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String raw = (String) value;
    String url = text.get();
    // what every endpoint must be (ProviderSettings holds only such URLs); a driver's own rules
    // come from its validate()
    boolean socket = url.startsWith("unix:") || url.startsWith("tcp://");
    if (!url.startsWith("http://") && !url.startsWith("https://") && !socket) {
      // (or unix: and tcp:// for a socket driver; the goldens keep the common wording)
      fail("base_url", "must start with http:// or https://, but was " + Shown.showUrl(raw, url));
      return Optional.empty();
    }
    try {
      URI uri = new URI(url);
      if (socket) {
        // the socket forms are the settings builder's one check; which scheme suits a driver is
        // the driver's validate() to say
        try {
          ProviderSettings.builder(factory.id()).baseUrl(uri);
        } catch (IllegalArgumentException notASocket) {
          fail(
              "base_url",
              "must be unix:/absolute/path or tcp://host:port, but was " + Shown.showUrl(raw, url));
          return Optional.empty();
        }
        return Optional.of(uri);
      }
      if (uri.getHost() == null) {
        throw new URISyntaxException(url, "no host");
      }
      return Optional.of(uri);
    } catch (URISyntaxException bad) {
      fail("base_url", "must be a valid URL with a host, but was " + Shown.showUrl(raw, url));
      return Optional.empty();
    }
  }

  private boolean allowInsecureHttp() {
    Object value = table.get(List.of("allow_insecure_http"));
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean flag)) {
      fail("allow_insecure_http", "must be a boolean, but was " + Shown.show(value));
      return false;
    }
    return flag;
  }

  /** The CA file: interpolated, and a readable regular file when the config is loaded. */
  private Optional<java.nio.file.Path> tlsCaFile() {
    Object value = table.get(List.of("tls_ca_file"));
    if (value == null) {
      return Optional.empty();
    }
    Optional<String> text = presentString("tls_ca_file", value, false);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    java.nio.file.Path file;
    try {
      file = java.nio.file.Path.of(text.get());
    } catch (java.nio.file.InvalidPathException bad) {
      fail("tls_ca_file", "is not a valid path: " + display("tls_ca_file"));
      return Optional.empty();
    }
    if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
      fail(
          "tls_ca_file",
          "must name a readable PEM file, but "
              + display("tls_ca_file")
              + " is missing, unreadable or not a file");
      return Optional.empty();
    }
    return Optional.of(file);
  }

  /**
   * The key as a secret: a {@code secret://} reference stays a reference, resolved when a call
   * needs it; anything else is the key itself.
   */
  private Optional<Secret> secret(Optional<String> key) {
    if (key.isEmpty()) {
      return Optional.empty();
    }
    if (!key.get().startsWith("secret://")) {
      return Optional.of(Secret.of(key.get()));
    }
    try {
      return Optional.of(Secret.ofReference(key.get()));
    } catch (IllegalArgumentException bad) {
      fail(
          "api_key",
          "is not a valid secret reference: use secret://env/NAME, secret://file/PATH or"
              + " secret://<scheme>/<name> for an installed SecretResolver");
      return Optional.empty();
    }
  }

  private ApiKey apiKey() {
    Object value = table.get(List.of("api_key"));
    if (value == null) {
      return new ApiKey(Optional.empty(), "", Optional.empty());
    }
    if (!(value instanceof String raw)) {
      fail("api_key", "must be a string, but was " + Shown.kind(value));
      return new ApiKey(Optional.empty(), "", Optional.empty());
    }
    String trimmed = raw.trim();
    if (trimmed.startsWith("${") && trimmed.endsWith("}") && trimmed.length() >= 3) {
      String variable = trimmed.substring(2, trimmed.length() - 1);
      if (variable.contains("}") || variable.contains("${")) {
        findings.warning(
            at("api_key"),
            field("api_key")
                + " is read as one environment variable named '"
                + variable
                + "'; to combine variables, set one variable to the whole key");
      }
      Optional<String> found =
          variable.isEmpty()
              ? Optional.empty()
              : Interpolation.lookup(reader.environment, variable);
      Optional<String> key =
          found.isPresent() && !found.get().trim().isEmpty()
              ? Optional.of(found.get().trim())
              : Optional.empty();
      return new ApiKey(secret(key), raw, Optional.of(variable));
    }
    Optional<String> key = presentString("api_key", value, true);
    return new ApiKey(secret(key), raw, Optional.empty());
  }

  private void apiKeyWarning(ApiKey apiKey) {
    if (!apiKey.raw.contains("${") && !apiKey.raw.trim().startsWith("secret://")) {
      findings.warning(
          at("api_key"),
          field("api_key")
              + " holds the key itself; write api_key = \"${ENV_VAR}\" and set the variable,"
              + " so the key stays out of the file");
    }
  }

  private boolean reportedAt(String keyPath) {
    for (ConfigProblem known : findings.since(problemsBefore)) {
      if (known.path().equals(keyPath)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The driver's own checks of the built settings, each placed at the key it names (at the profile
   * when the key is not in the file, such as a default endpoint).
   */
  private void driverProblems(ProviderFactory factory, ProviderSettings settings) {
    for (SettingsProblem found : factory.validate(settings)) {
      String key = found.key();
      String keyPath = Findings.keyPath(at(key));
      if (reportedAt(keyPath)) {
        continue; // already reported in the config's own words
      }
      Object value = table.get(List.of(key));
      List<String> where = value == null ? path : at(key);
      if (found.warning()) {
        findings.warning(where, field(key) + " " + found.message());
      } else if (value == null) {
        findings.problem(where, field(key) + " " + found.message() + " (it is not set)");
      } else {
        String shown = value instanceof String raw ? Shown.showUrl(raw, raw) : Shown.show(value);
        findings.problem(where, field(key) + " " + found.message() + ", but was " + shown);
      }
    }
  }

  private Optional<RuntimeValues> runtime() {
    Optional<String> runtime = requiredString("runtime", false);
    if (runtime.isEmpty()) {
      return Optional.empty();
    }
    String runtimeName = runtime.get();
    if (reader.runtimeReader.runtimesBroken
        || reader.runtimeReader.brokenRuntimes.contains(runtimeName)) {
      return Optional.empty();
    }
    RuntimeValues values = reader.runtimeReader.runtimes.get(runtimeName);
    if (values == null) {
      fail(
          "runtime",
          "references unknown runtime "
              + display("runtime")
              + "; runtimes: "
              + (reader.runtimeReader.runtimes.isEmpty()
                  ? "none"
                  : String.join(", ", reader.runtimeReader.runtimes.keySet())));
      return Optional.empty();
    }
    List<String> runtimePath = List.of("inference", "runtimes", runtimeName);
    if (values.requestTimeoutSecs().isEmpty()) {
      findings.problem(
          Findings.append(runtimePath, "request_timeout_secs"),
          "runtime '"
              + runtimeName
              + "' field 'request_timeout_secs' is required by profile '"
              + name
              + "'");
      return Optional.empty();
    }
    if (values.requestTimeoutSecs().getAsLong() == 0) {
      findings.problem(
          Findings.append(runtimePath, "request_timeout_secs"),
          "runtime '"
              + runtimeName
              + "' field 'request_timeout_secs' must be greater than 0 (required by profile '"
              + name
              + "'), but was 0");
      return Optional.empty();
    }
    return Optional.of(values);
  }

  /** The api_key as read: the secret (when set), the raw TOML string and the variable it names. */
  private record ApiKey(Optional<Secret> secret, String raw, Optional<String> variable) {}
}
