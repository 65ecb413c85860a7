package dev.inference.cli;

import dev.inference.JsonValue;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code validate-config}: checks the whole config and lists its profiles. */
@Command(
    name = "validate-config",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the config. Prints {\"status\":\"ok\",\"profiles\":[...],\"ignored_profiles\":[...],"
          + "\"warnings\":[...]} and exits 0,",
      "or prints every problem on stderr as file:line:column: message and exits 1."
    })
final class ValidateConfigCommand extends BaseCommand {

  ValidateConfigCommand(Env env) {
    super(env);
  }

  @Override
  int execute() {
    ConfigSource source = ConfigSource.discover(config, env);
    dev.inference.config.InferenceConfig loaded;
    try {
      loaded = source.load(env);
    } catch (dev.inference.config.ConfigException failure) {
      source.describe(failure).forEach(env.err()::println);
      return ExitCodes.FAILURE;
    }
    List<String> warnings = loaded.warnings().stream().map(source::describe).toList();
    env.out()
        .println(
            Json.object()
                .put("status", "ok")
                .putStrings("profiles", List.copyOf(loaded.profileNames()))
                .putStrings("ignored_profiles", List.copyOf(loaded.ignoredProfiles()))
                .put("warnings", JsonValue.array(warnings.stream().map(JsonValue::of).toList()))
                .toJson());
    env.out().flush();
    return ExitCodes.OK;
  }
}
