package dev.inference.cli;

import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.JsonValue;
import dev.inference.runtime.Check;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.EnsureModelResult;
import dev.inference.runtime.LifecycleEvent;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.runtime.VerifyResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code status}, {@code verify} and {@code ensure-model}: the runtime operations of a profile. */
final class OperationsCommands {

  private OperationsCommands() {}

  /** The shared part: connect, find the operations, print the JSON result, exit 0 or 1. */
  abstract static class OperationCommand extends BaseCommand {

    OperationCommand(Env env) {
      super(env);
    }

    @Override
    final int execute() {
      Loaded loaded = load(ExitCodes.CONFIG);
      try (InferenceClient client = connect(loaded, ExitCodes.CONFIG)) {
        Optional<RuntimeOperations> operations = client.operations();
        Json result;
        if (operations.isEmpty()) {
          result =
              Json.object()
                  .put("ok", false)
                  .put("error_class", RuntimeOperations.ErrorClass.UNSUPPORTED.wireName())
                  .putStrings(
                      "diagnostics",
                      List.of(
                          "driver '"
                              + loaded.config().settings(loaded.profile()).driver()
                              + "' has no runtime operations"));
        } else {
          try {
            result = run(operations.get(), loaded, client);
          } catch (InferenceException raw) {
            InferenceException failure = explain(loaded, raw);
            env.err().println("inference " + name() + ": " + failure.getMessage());
            return ExitCodes.of(failure.kind());
          }
        }
        JsonValue json = result.build();
        env.out().println(json.toJson());
        env.out().flush();
        boolean ok = json.get("ok").orElse(JsonValue.of(false)) == JsonValue.BooleanValue.TRUE;
        if (!ok) {
          loaded.source().unreachableHint().ifPresent(hint -> env.err().println(hint));
        }
        return ok ? ExitCodes.OK : ExitCodes.FAILURE;
      } catch (IllegalArgumentException bad) {
        env.err().println("inference " + name() + ": " + bad.getMessage());
        return ExitCodes.USAGE;
      }
    }

    abstract String name();

    abstract Json run(RuntimeOperations operations, Loaded loaded, InferenceClient client);
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Prints the runtime status of the profile's server as JSON: ok, state, version, models,"
              + " diagnostics, error_class. Exit 0 when ready, 1 otherwise.")
  static final class Status extends OperationCommand {
    @Option(
        names = "--watch",
        description =
            "Print each lifecycle event of the runtime as a JSON line as it comes (status, phase,"
                + " downloaded_bytes, total_bytes and the runtime's other keys), until the runtime"
                + " ends the channel; then a last line with ok and the last status. For runtimes"
                + " that push their lifecycle (inferd's admin socket).")
    boolean watch;

    Status(Env env) {
      super(env);
    }

    @Override
    String name() {
      return "status";
    }

    @Override
    Json run(RuntimeOperations operations, Loaded loaded, InferenceClient client) {
      if (!watch) {
        return status(operations.status());
      }
      String[] last = {null};
      operations.watchLifecycle(
          event -> {
            last[0] = event.status();
            env.out().println(lifecycle(event).build().toJson());
            env.out().flush();
          });
      return Json.object()
          .put("ok", true)
          .put("watch", "ended")
          .putIfPresent("last_status", Optional.ofNullable(last[0]));
    }
  }

  /** One lifecycle event as the runtime sent it: its keys first, then the other details. */
  static Json lifecycle(LifecycleEvent event) {
    Json line =
        Json.object()
            .put("status", event.status())
            .put("state", event.state().name().toLowerCase(java.util.Locale.ROOT))
            .putIfPresent("phase", event.phase())
            .putIfPresent("downloaded_bytes", event.downloadedBytes())
            .putIfPresent("total_bytes", event.totalBytes());
    event.details().members().forEach(line::put);
    return line;
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Runs checks (default: all) and prints the result as JSON. Exit 0 when every check"
              + " passed, 1 otherwise.")
  static final class Verify extends OperationCommand {
    @Option(
        names = "--check",
        paramLabel = "CHECK",
        description = "runtime-ready, model-ready or loopback-only; repeatable.")
    List<String> checks = new ArrayList<>();

    Verify(Env env) {
      super(env);
    }

    @Override
    String name() {
      return "verify";
    }

    @Override
    Json run(RuntimeOperations operations, Loaded loaded, InferenceClient client) {
      Set<Check> wanted = EnumSet.noneOf(Check.class);
      for (String check : checks) {
        wanted.add(Check.fromWireName(check));
      }
      VerifyResult result = operations.verify(wanted);
      List<JsonValue> list = new ArrayList<>();
      for (VerifyResult.Outcome outcome : result.outcomes()) {
        list.add(
            Json.object()
                .put("name", outcome.check().wireName())
                .put("ok", outcome.ok())
                .put("diagnostic", outcome.diagnostic())
                .build());
      }
      return Json.object()
          .put("ok", result.ok())
          .put("checks", JsonValue.array(list))
          .putIfPresent("error_class", result.errorClass().map(c -> c.wireName()));
    }
  }

  @Command(
      name = "ensure-model",
      mixinStandardHelpOptions = true,
      description = {
        "Makes sure a model is available. A dry run by default: prints the plan. --apply acts;"
            + " a download also needs --allow-download.",
        "Pull progress goes to stderr (a bar on a terminal, lines otherwise); the result is JSON"
            + " on stdout. Exit 0 when ok, 1 otherwise."
      })
  static final class EnsureModel extends OperationCommand {
    @Parameters(
        arity = "0..1",
        paramLabel = "MODEL",
        description = "The model; default: the profile's model.")
    @Nullable String model;

    @Option(names = "--apply", description = "Act instead of planning.")
    boolean apply;

    @Option(names = "--allow-download", description = "Allow downloading the model.")
    boolean allowDownload;

    @Option(
        names = "--max-size",
        paramLabel = "BYTES",
        description = "Refuse a download larger than this.")
    @Nullable Long maxSize;

    EnsureModel(Env env) {
      super(env);
    }

    @Override
    String name() {
      return "ensure-model";
    }

    @Override
    Json run(RuntimeOperations operations, Loaded loaded, InferenceClient client) {
      Progress progress = new Progress(env.err(), env.errIsTerminal());
      EnsureModelOptions.Builder options =
          EnsureModelOptions.builder()
              .dryRun(!apply)
              .confirm(apply)
              .allowModelDownload(allowDownload)
              .progress(progress);
      if (maxSize != null) {
        options.maxModelSizeBytes(maxSize);
      }
      String target = model != null ? model : client.describe().modelName();
      EnsureModelResult result;
      try {
        result = operations.ensureModel(target, options.build());
      } finally {
        progress.finishBar();
      }
      return ensure(target, result);
    }
  }

  static Json status(RuntimeStatus status) {
    List<JsonValue> models = new ArrayList<>();
    for (RuntimeStatus.ModelInfo model : status.models()) {
      models.add(
          Json.object()
              .put("name", model.name())
              .putIfPresent("size_bytes", model.sizeBytes())
              .putIfPresent("digest", model.digest())
              .build());
    }
    return Json.object()
        .put("ok", status.ok())
        .put("state", status.state().name().toLowerCase(java.util.Locale.ROOT))
        .putIfPresent("version", status.version())
        .put("models", JsonValue.array(models))
        .putStrings("diagnostics", status.diagnostics())
        .putIfPresent("error_class", status.errorClass().map(c -> c.wireName()));
  }

  static Json ensure(String model, EnsureModelResult result) {
    return Json.object()
        .put("ok", result.ok())
        .put("model", model)
        .put("dry_run", result.dryRun())
        .putStrings("actions", result.actions())
        .putStrings("diagnostics", result.diagnostics())
        .putIfPresent("error_class", result.errorClass().map(c -> c.wireName()));
  }
}
