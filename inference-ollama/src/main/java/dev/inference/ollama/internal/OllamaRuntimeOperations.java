package dev.inference.ollama.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.JsonValue;
import dev.inference.http.HttpRuntime;
import dev.inference.http.HttpRuntimeOperations;
import dev.inference.runtime.Check;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.EnsureModelOptions.PullProgress;
import dev.inference.runtime.EnsureModelResult;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.runtime.RuntimeStatus.ModelInfo;
import dev.inference.runtime.VerifyResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Ollama's runtime operations, on the endpoints next to the profile's {@code /api/chat} (any path
 * prefix kept): {@code GET /api/version} answers readiness, {@code GET /api/tags} lists the models,
 * {@code POST /api/show} is asked about a model the list lacks, and {@code POST /api/pull} streams
 * a download's progress.
 *
 * <p>{@link #ensureModel} plans by default and changes nothing. It acts only with {@code dryRun
 * false} and {@code confirm true}, pulls only when {@code allowModelDownload} is set, and enforces
 * {@code maxModelSizeBytes} as soon as the sizes are known: not before the pull (Ollama does not
 * tell), during it from the layer sizes of the progress events (the pull is stopped when they add
 * up to more than the limit), and after it from {@code /api/tags}.
 *
 * <p>A pull stops, and its connection is closed, when the progress listener throws (the exception
 * propagates unchanged) or when the calling thread is interrupted ({@link InferenceException} of
 * kind {@link ErrorKind#CANCELLED}, the interrupt status kept). A pull has no deadline short of
 * {@link #PULL_TIMEOUT}: large models take long; callers that want less cancel it.
 */
final class OllamaRuntimeOperations extends HttpRuntimeOperations {

  /** The longest a pull may take in all. */
  static final Duration PULL_TIMEOUT = Duration.ofHours(6);

  private static final String CHAT_PATH = "/api/chat";
  private static final String SUCCESS = "success";

  private final URI version;
  private final URI tags;
  private final URI show;
  private final URI pull;

  OllamaRuntimeOperations(HttpRuntime client) {
    super(client);
    String prefix = prefix(client.endpoint());
    this.version = sibling(prefix + "/api/version");
    this.tags = sibling(prefix + "/api/tags");
    this.show = sibling(prefix + "/api/show");
    this.pull = sibling(prefix + "/api/pull");
  }

  /** The raw path before {@code /api/chat}, trailing slashes ignored. */
  private static String prefix(URI chat) {
    String path = chat.getRawPath() == null ? "" : chat.getRawPath();
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    path = path.substring(0, end);
    return path.endsWith(CHAT_PATH) ? path.substring(0, path.length() - CHAT_PATH.length()) : "";
  }

  URI versionEndpoint() {
    return version;
  }

  URI tagsEndpoint() {
    return tags;
  }

  URI showEndpoint() {
    return show;
  }

  URI pullEndpoint() {
    return pull;
  }

  /** Readiness: {@code GET /api/version} answers. */
  @Override
  protected RuntimeStatus probe() {
    JsonValue body = client.exchangeJson("GET", version, null, operationTimeout());
    return RuntimeStatus.ready(
        body.get("version").flatMap(JsonValue::asString).orElse(null), List.of());
  }

  /** The version from {@link #probe()}, then the models from {@code GET /api/tags}. */
  @Override
  public RuntimeStatus status() {
    RuntimeStatus runtime = super.status();
    if (!runtime.ok()) {
      return runtime;
    }
    try {
      return RuntimeStatus.ready(runtime.version().orElse(null), listModels());
    } catch (InferenceException failure) {
      return RuntimeStatus.notReady(
          failure.httpStatus().isPresent() || failure.kind() == ErrorKind.AUTHENTICATION
              ? RuntimeStatus.State.FAILED
              : RuntimeStatus.State.UNKNOWN,
          errorClass(failure),
          "ollama answers /api/version but listing its models failed: " + failure.getMessage());
    }
  }

  /** {@code /api/tags} first; {@code /api/show} decides for a model the list lacks. */
  @Override
  protected VerifyResult.Outcome modelReady(RuntimeStatus status) {
    if (!status.ok()) {
      return super.modelReady(status);
    }
    String model = client.settings().model();
    Lookup found;
    try {
      found = lookup(model, status.models());
    } catch (InferenceException failure) {
      return new VerifyResult.Outcome(
          Check.MODEL_READY,
          false,
          "cannot tell: model '"
              + model
              + "' is not among the "
              + status.models().size()
              + " models /api/tags lists, and /api/show failed: "
              + failure.getMessage());
    }
    return new VerifyResult.Outcome(
        Check.MODEL_READY, found.present(), found.describe(model, status));
  }

  @Override
  public EnsureModelResult ensureModel(String model, EnsureModelOptions options) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    boolean dryRun = options.dryRun();
    if (model.isBlank()) {
      return EnsureModelResult.failed(dryRun, ErrorClass.BAD_REQUEST, "the model name is empty");
    }
    if (!dryRun && !options.confirm()) {
      return EnsureModelResult.failed(
          false,
          ErrorClass.BAD_REQUEST,
          "ensure-model '"
              + model
              + "' with dry run off needs confirm: set confirm(true) to allow changes on the"
              + " runtime, or keep the dry run to see the plan; nothing was done");
    }
    List<ModelInfo> models;
    Lookup found;
    try {
      models = listModels();
      found = lookup(model, models);
    } catch (InferenceException failure) {
      rethrowIfInterrupted(failure);
      return EnsureModelResult.failed(
          dryRun,
          errorClass(failure),
          "could not tell whether model '" + model + "' is present: " + failure.getMessage());
    }
    if (found.present()) {
      List<String> diagnostics = new ArrayList<>();
      diagnostics.add(found.describe(model, models.size()));
      OptionalLong limit = options.maxModelSizeBytes();
      if (limit.isPresent()
          && found.size().isPresent()
          && found.size().getAsLong() > limit.getAsLong()) {
        diagnostics.add(
            "it is "
                + found.size().getAsLong()
                + " bytes, over max_model_size_bytes "
                + limit.getAsLong()
                + ", but it was already present: nothing is downloaded, so the limit does not"
                + " apply");
      }
      return new EnsureModelResult(
          true,
          dryRun,
          List.of("ensure-model " + model + ": already present"),
          diagnostics,
          Optional.empty());
    }
    if (!options.allowModelDownload()) {
      return EnsureModelResult.failed(
          dryRun,
          ErrorClass.POLICY_DENIED,
          "model '"
              + model
              + "' is not present, and the policy does not allow downloads"
              + " (allow_model_download is false): set allowModelDownload(true) to let"
              + " ensure-model pull it");
    }
    List<String> plan = List.of("pull " + model);
    if (dryRun) {
      List<String> diagnostics = new ArrayList<>();
      diagnostics.add(
          "model '"
              + model
              + "' is not present; a confirmed ensure-model (dryRun(false), confirm(true)) would"
              + " pull it; nothing was changed");
      options
          .maxModelSizeBytes()
          .ifPresent(
              limit ->
                  diagnostics.add(
                      "its size is not known before the download: max_model_size_bytes "
                          + limit
                          + " is enforced while pulling, from the sizes of the layers as they"
                          + " start, and checked again from /api/tags afterwards"));
      return new EnsureModelResult(true, true, plan, diagnostics, Optional.empty());
    }
    return pull(model, options, plan);
  }

  // --- pulling ---

  private EnsureModelResult pull(String model, EnsureModelOptions options, List<String> actions) {
    PullState state = new PullState(options.maxModelSizeBytes(), options.progress());
    JsonValue body = object("model", JsonValue.of(model), "stream", JsonValue.of(true));
    try {
      client.streamJsonLines(pull, body, PULL_TIMEOUT, state::accept);
    } catch (ListenerFailure listenerFailed) {
      throw listenerFailed.listenerException;
    } catch (OverLimit over) {
      return failed(
          actions,
          ErrorClass.POLICY_DENIED,
          "the pull of '"
              + model
              + "' was stopped: its layers add up to at least "
              + over.seen
              + " bytes, over max_model_size_bytes "
              + over.limit
              + "; layers partly downloaded may stay in Ollama's blob directory until Ollama"
              + " prunes unused blobs");
    } catch (InferenceException failure) {
      rethrowIfInterrupted(failure);
      return failed(
          actions,
          errorClass(failure),
          "the pull of '" + model + "' failed: " + failure.getMessage());
    }
    if (!state.succeeded) {
      return failed(
          actions,
          ErrorClass.PROVIDER_ERROR,
          "the pull of '"
              + model
              + "' ended without {\"status\":\"success\"}"
              + (state.lastStatus == null
                  ? ", with no progress at all"
                  : "; the last status was '" + state.lastStatus + "'")
              + "; the model may be incomplete");
    }
    return checkPulled(model, options.maxModelSizeBytes(), state.layerBytes(), actions);
  }

  /** After a successful pull: the size from {@code /api/tags}, against the limit. */
  private EnsureModelResult checkPulled(
      String model, OptionalLong limit, long layerBytes, List<String> actions) {
    OptionalLong size = OptionalLong.empty();
    String unlisted;
    try {
      Optional<ModelInfo> listed = find(listModels(), model);
      size = listed.map(ModelInfo::sizeBytes).orElse(OptionalLong.empty());
      unlisted = listed.isPresent() ? "/api/tags gives no size" : "/api/tags does not list it";
    } catch (InferenceException failure) {
      rethrowIfInterrupted(failure);
      unlisted = "listing the models failed: " + failure.getMessage();
    }
    if (size.isPresent()) {
      long bytes = size.getAsLong();
      if (limit.isPresent() && bytes > limit.getAsLong()) {
        return failed(
            actions,
            ErrorClass.POLICY_DENIED,
            "pulled model '"
                + model
                + "' is "
                + bytes
                + " bytes, over the limit max_model_size_bytes "
                + limit.getAsLong()
                + "; it stays on the runtime: remove it with 'ollama rm "
                + model
                + "'");
      }
      return new EnsureModelResult(
          true,
          false,
          actions,
          List.of("pulled '" + model + "' (" + bytes + " bytes)"),
          Optional.empty());
    }
    if (limit.isPresent() && layerBytes == 0) {
      return failed(
          actions,
          ErrorClass.POLICY_DENIED,
          "pulled '"
              + model
              + "', but its size could not be checked against max_model_size_bytes "
              + limit.getAsLong()
              + ": "
              + unlisted
              + " and the pull reported no layer sizes; check it with 'ollama list'");
    }
    return new EnsureModelResult(
        true,
        false,
        actions,
        List.of(
            "pulled '"
                + model
                + "'; "
                + unlisted
                + ", so its size is taken from the layers of the pull: "
                + layerBytes
                + " bytes"),
        Optional.empty());
  }

  /** Follows one pull's progress lines; not thread-safe, one per pull. */
  private static final class PullState {
    private final OptionalLong limit;
    private final Consumer<PullProgress> listener;
    private final Map<String, Long> layers = new LinkedHashMap<>();
    private @Nullable String lastStatus;
    private boolean succeeded;

    PullState(OptionalLong limit, Consumer<PullProgress> listener) {
      this.limit = limit;
      this.listener = listener;
    }

    void accept(JsonValue line) {
      PullProgress event = progress(line);
      lastStatus = event.status();
      succeeded = SUCCESS.equals(event.status());
      if (event.digest().isPresent() && event.total().isPresent()) {
        layers.put(event.digest().get(), event.total().getAsLong());
      }
      try {
        listener.accept(event);
      } catch (RuntimeException thrown) {
        throw new ListenerFailure(thrown);
      }
      if (limit.isPresent() && layerBytes() > limit.getAsLong()) {
        throw new OverLimit(layerBytes(), limit.getAsLong());
      }
    }

    long layerBytes() {
      long sum = 0;
      for (long total : layers.values()) {
        sum += total;
      }
      return sum;
    }
  }

  static PullProgress progress(JsonValue line) {
    return new PullProgress(
        line.get("status").flatMap(JsonValue::asString).orElse(""),
        line.get("digest").flatMap(JsonValue::asString).filter(digest -> !digest.isBlank()),
        count(line, "total"),
        count(line, "completed"));
  }

  /** Carries the progress listener's own exception out of the stream, to be rethrown as is. */
  private static final class ListenerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialised: it only crosses the reading loop
    final RuntimeException listenerException;

    ListenerFailure(RuntimeException listenerException) {
      super(null, listenerException, false, false);
      this.listenerException = listenerException;
    }
  }

  /** Stops a pull whose layers add up to more than the limit. */
  private static final class OverLimit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long seen;
    final long limit;

    OverLimit(long seen, long limit) {
      super(null, null, false, false);
      this.seen = seen;
      this.limit = limit;
    }
  }

  // --- models ---

  private List<ModelInfo> listModels() {
    JsonValue body = client.exchangeJson("GET", tags, null, operationTimeout());
    List<ModelInfo> models = new ArrayList<>();
    body.get("models")
        .filter(JsonValue.ArrayValue.class::isInstance)
        .map(array -> ((JsonValue.ArrayValue) array).elements())
        .orElse(List.of())
        .forEach(
            entry ->
                entry
                    .get("name")
                    .or(() -> entry.get("model"))
                    .flatMap(JsonValue::asString)
                    .filter(name -> !name.isBlank())
                    .ifPresent(
                        name ->
                            models.add(
                                new ModelInfo(
                                    name,
                                    count(entry, "size"),
                                    entry
                                        .get("digest")
                                        .flatMap(JsonValue::asString)
                                        .filter(digest -> !digest.isBlank())))));
    return models;
  }

  /** A model by name; a name without a tag matches {@code :latest}. */
  private static Optional<ModelInfo> find(List<ModelInfo> models, String model) {
    String wanted = model.contains(":") ? model : model + ":latest";
    return models.stream()
        .filter(info -> info.name().equals(model) || info.name().equals(wanted))
        .findFirst();
  }

  /**
   * Whether the runtime has the model: listed by {@code /api/tags}, or else known to {@code
   * /api/show} (which resolves names the list spells differently); a 404 from show means absent.
   */
  private Lookup lookup(String model, List<ModelInfo> models) {
    Optional<ModelInfo> listed = find(models, model);
    if (listed.isPresent()) {
      return new Lookup(true, listed.get().sizeBytes(), "listed by /api/tags", null);
    }
    try {
      client.exchangeJson("POST", show, object("model", JsonValue.of(model)), operationTimeout());
      return new Lookup(
          true, OptionalLong.empty(), "not listed by /api/tags but known to /api/show", null);
    } catch (InferenceException failure) {
      if (failure.httpStatus().orElse(0) == 404) {
        return new Lookup(false, OptionalLong.empty(), null, failure.getMessage());
      }
      throw failure;
    }
  }

  private record Lookup(
      boolean present, OptionalLong size, @Nullable String how, @Nullable String showAnswer) {

    String describe(String model, RuntimeStatus status) {
      return describe(model, status.models().size());
    }

    String describe(String model, int listed) {
      if (present) {
        return "model '"
            + model
            + "' is available ("
            + how
            + (size.isPresent() ? ", " + size.getAsLong() + " bytes" : "")
            + ")";
      }
      return "model '"
          + model
          + "' is not present: it is not among the "
          + listed
          + " models /api/tags lists, and /api/show answered 404"
          + (showAnswer == null ? "" : " (" + showAnswer + ")");
    }
  }

  // --- helpers ---

  private static EnsureModelResult failed(
      List<String> actions, ErrorClass errorClass, String diagnostic) {
    return new EnsureModelResult(
        false, false, actions, List.of(diagnostic), Optional.of(errorClass));
  }

  /** An interrupted caller gets its cancellation back rather than a result. */
  private static void rethrowIfInterrupted(InferenceException failure) {
    if (failure.kind() == ErrorKind.CANCELLED && Thread.currentThread().isInterrupted()) {
      throw failure;
    }
  }

  private static OptionalLong count(JsonValue object, String name) {
    Optional<JsonValue> value = object.get(name);
    if (value.isPresent() && value.get() instanceof JsonValue.NumberValue number) {
      try {
        long count = number.longValue();
        return count >= 0 ? OptionalLong.of(count) : OptionalLong.empty();
      } catch (ArithmeticException notWhole) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  private static JsonValue object(String name, JsonValue value) {
    return JsonValue.object(Map.of(name, value));
  }

  private static JsonValue object(String name1, JsonValue value1, String name2, JsonValue value2) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put(name1, value1);
    members.put(name2, value2);
    return JsonValue.object(members);
  }
}
