package dev.inference.cli;

import dev.inference.ProviderDescription;
import dev.inference.config.ConfigException;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code describe-profile}: the describe envelope of a profile, without a network call. */
@Command(
    name = "describe-profile",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the protocol's describe response for a profile, with request id"
          + " \"describe-profile\"; no network call.",
      "A profile read from the TOML sends one HTTP request per call, as bitloops-inference does:"
          + " no retries unless its runtime table sets max_retries, no circuit breaker unless it"
          + " sets a circuit_breaker_* key, no limits unless it sets max_concurrent_requests or"
          + " requests_per_second."
    })
final class DescribeProfileCommand extends BaseCommand {

  DescribeProfileCommand(Env env) {
    super(env);
  }

  @Override
  int execute() {
    Loaded loaded = load(ExitCodes.FAILURE);
    ProviderDescription description;
    List<String> fallback;
    try {
      description = loaded.config().describe(loaded.profile());
      fallback = fallbackOf(loaded);
    } catch (ConfigException failure) {
      loaded.source().describe(failure).forEach(env.err()::println);
      return ExitCodes.FAILURE;
    }
    env.out()
        .println(Protocol.describe("describe-profile", loaded.profile(), description, fallback));
    env.out().flush();
    return ExitCodes.OK;
  }
}
