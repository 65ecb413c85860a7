package dev.inference.spring;

import dev.inference.config.ConfigException;
import dev.inference.config.ConfigProblem;
import dev.inference.config.ConfigWarning;
import dev.inference.config.InferenceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The checked config behind the beans: from {@code inference.config-file}, or from {@code
 * inference.profiles.*} rendered as TOML; the profiles and the one that is primary.
 */
record InferenceSetup(InferenceConfig config, SortedSet<String> names, Optional<String> primary) {

  private static final System.Logger LOG = System.getLogger(InferenceSetup.class.getName());

  private static final String TEXT_GENERATION = "text_generation";

  /**
   * The setup the properties ask for; empty when they set neither profiles nor a config file.
   *
   * @throws InferenceConfigurationException if they cannot be used
   */
  static Optional<InferenceSetup> read(InferenceProperties properties) {
    Map<String, ProfileProperties> profiles = properties.getProfiles();
    Path file = properties.getConfigFile();
    if (profiles.isEmpty() && file == null) {
      return Optional.empty();
    }
    if (!profiles.isEmpty() && file != null) {
      throw new InferenceConfigurationException(
          List.of(
              "inference.config-file: is set together with inference.profiles ("
                  + String.join(", ", profiles.keySet())
                  + "); the profiles come from one place"),
          "Set either inference.config-file (the Bitloops TOML) or inference.profiles.<name>.*,"
              + " not both.");
    }
    InferenceConfig config = file != null ? fromFile(file) : fromProperties(profiles);
    SortedSet<String> names = config.profileNames();
    return Optional.of(new InferenceSetup(config, names, primary(properties, names)));
  }

  private static InferenceConfig fromFile(Path file) {
    try {
      InferenceConfig config = InferenceConfig.load(file);
      for (ConfigWarning warning : config.warnings()) {
        LOG.log(System.Logger.Level.WARNING, file + ": " + warning);
      }
      return config;
    } catch (ConfigException invalid) {
      List<String> problems = new ArrayList<>();
      for (ConfigProblem problem : invalid.problems()) {
        problems.add("inference.config-file " + file + ": " + problem);
      }
      throw new InferenceConfigurationException(
          problems, "Correct the config file named by inference.config-file.");
    }
  }

  private static InferenceConfig fromProperties(Map<String, ProfileProperties> profiles) {
    List<String> problems = new ArrayList<>();
    // the TOML ignores a profile of another task; a profile in the properties is asked for a client
    profiles.forEach(
        (name, profile) -> {
          if (!TEXT_GENERATION.equals(profile.getTask())) {
            problems.add(
                PropertyNames.profile(name)
                    + ".task: profile '"
                    + name
                    + "' has unsupported task '"
                    + profile.getTask()
                    + "'; allowed values: "
                    + TEXT_GENERATION
                    + " (the default)");
          }
        });
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    TomlRenderer.Rendered rendered = TomlRenderer.render(profiles);
    try {
      InferenceConfig config = InferenceConfig.parse(rendered.toml(), rendered.environment());
      for (ConfigWarning warning : config.warnings()) {
        if (!warning.path().endsWith(".api_key")) {
          LOG.log(
              System.Logger.Level.WARNING,
              PropertyNames.property(warning.path(), profiles.keySet())
                  + ": "
                  + PropertyNames.message(warning.message()));
        }
      }
      return config;
    } catch (ConfigException invalid) {
      for (ConfigProblem problem : invalid.problems()) {
        problems.add(PropertyNames.describe(problem, profiles.keySet()));
      }
      throw invalid(problems);
    }
  }

  private static InferenceConfigurationException invalid(List<String> problems) {
    return new InferenceConfigurationException(
        problems, "Correct the inference.profiles.<name>.* properties named above.");
  }

  private static Optional<String> primary(InferenceProperties properties, SortedSet<String> names) {
    String chosen = properties.getDefaultProfile();
    if (chosen == null) {
      return names.size() == 1 ? Optional.of(names.first()) : Optional.empty();
    }
    if (!names.contains(chosen)) {
      throw new InferenceConfigurationException(
          List.of(
              "inference.default-profile: names unknown profile '"
                  + chosen
                  + "'; profiles: "
                  + String.join(", ", names)),
          "Set inference.default-profile to one of the profiles.");
    }
    return Optional.of(chosen);
  }
}
