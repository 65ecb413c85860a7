package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.props.Props;
import dev.inference.props.Props.Gen;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Request and settings builders: any valid value builds and reads back; any invalid value is
 * rejected with an {@link IllegalArgumentException} whose message names the field.
 */
@Timeout(60) // a hang guard only
class BuilderPropertiesTest {

  /** One setter: its field name, valid and invalid values, and how to apply one. */
  private record Field<B, T>(String name, Gen<T> valid, Gen<T> invalid, BiConsumer<B, T> set) {}

  private static Gen<Double> doubles(double min, double max) {
    return (random, size) -> min + random.nextDouble() * (max - min);
  }

  private static final Gen<Double> NOT_FINITE =
      Props.oneOf(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

  private static final Gen<Duration> POSITIVE =
      (random, size) -> Duration.ofNanos(1 + Math.abs(random.nextLong() % 1_000_000_000_000L));
  private static final Gen<Duration> NOT_POSITIVE =
      (random, size) ->
          random.nextBoolean()
              ? Duration.ZERO
              : Duration.ofMillis(-1 - Math.abs(random.nextLong() % 1_000_000L));

  private static final Gen<String> BLANK = Props.oneOf("", " ", "\t", "\n \r", "\u2003");

  private static final List<Field<InferenceRequest.Builder, ?>> REQUEST =
      List.of(
          new Field<InferenceRequest.Builder, Double>(
              "temperature",
              doubles(0, 1e6),
              Props.frequency(doubles(-1e6, -Double.MIN_VALUE), NOT_FINITE),
              InferenceRequest.Builder::temperature),
          new Field<InferenceRequest.Builder, Long>(
              "maxOutputTokens",
              (random, size) ->
                  1 + Math.abs(random.nextLong() % InferenceRequest.MAX_OUTPUT_TOKENS_LIMIT),
              (random, size) ->
                  random.nextBoolean()
                      ? -Math.abs(random.nextLong() % 1000)
                      : InferenceRequest.MAX_OUTPUT_TOKENS_LIMIT + 1 + Math.abs(random.nextInt()),
              InferenceRequest.Builder::maxOutputTokens),
          new Field<InferenceRequest.Builder, Double>(
              "topP",
              doubles(0, 1),
              Props.frequency(doubles(1.0000001, 1e9), doubles(-1e9, -1e-9), NOT_FINITE),
              InferenceRequest.Builder::topP),
          new Field<InferenceRequest.Builder, String>(
              "requestId",
              Props.strings(40, true).map(s -> "r" + s),
              BLANK,
              InferenceRequest.Builder::requestId),
          new Field<InferenceRequest.Builder, Duration>(
              "timeout", POSITIVE, NOT_POSITIVE, InferenceRequest.Builder::timeout),
          new Field<InferenceRequest.Builder, List<String>>(
              "stop",
              Props.lists(Props.strings(10, true).map(s -> "s" + s), 5),
              Props.lists(Props.strings(10, true), 4).map(list -> withEmpty(list)),
              InferenceRequest.Builder::stop),
          new Field<InferenceRequest.Builder, String>(
              "jsonSchema",
              Props.strings(64, false)
                  .map(s -> s.replaceAll("[^a-zA-Z0-9_-]", "_"))
                  .map(s -> s.isEmpty() ? "n" : s.substring(0, Math.min(64, s.length()))),
              Props.frequency(Props.oneOf("", "a b", "x".repeat(65), "é", "a.b")),
              (builder, name) ->
                  builder.responseFormat(
                      ResponseFormat.jsonSchema(
                          JsonSchema.of(name, JsonValue.object(java.util.Map.of()))))));

  private static final List<Field<ProviderSettings.Builder, ?>> SETTINGS =
      List.of(
          new Field<ProviderSettings.Builder, Double>(
              "temperature",
              doubles(0, 1e6),
              Props.frequency(doubles(-1e6, -Double.MIN_VALUE), NOT_FINITE),
              ProviderSettings.Builder::temperature),
          new Field<ProviderSettings.Builder, Integer>(
              "maxRetries",
              Props.ints(0, 100),
              Props.frequency(
                  Props.ints(Integer.MIN_VALUE, -1), Props.ints(101, Integer.MAX_VALUE)),
              ProviderSettings.Builder::maxRetries),
          new Field<ProviderSettings.Builder, Integer>(
              "maxConcurrentRequests",
              Props.ints(1, Integer.MAX_VALUE),
              Props.ints(Integer.MIN_VALUE, 0),
              ProviderSettings.Builder::maxConcurrentRequests),
          new Field<ProviderSettings.Builder, Integer>(
              "circuitBreakerFailureRate",
              Props.ints(1, 100),
              Props.frequency(Props.ints(Integer.MIN_VALUE, 0), Props.ints(101, Integer.MAX_VALUE)),
              ProviderSettings.Builder::circuitBreakerFailureRate),
          new Field<ProviderSettings.Builder, Double>(
              "requestsPerSecond",
              doubles(1e-9, 1e9),
              Props.frequency(doubles(-1e9, 0), NOT_FINITE),
              ProviderSettings.Builder::requestsPerSecond),
          new Field<ProviderSettings.Builder, Duration>(
              "connectTimeout", POSITIVE, NOT_POSITIVE, ProviderSettings.Builder::connectTimeout),
          new Field<ProviderSettings.Builder, Duration>(
              "idleTimeout", POSITIVE, NOT_POSITIVE, ProviderSettings.Builder::idleTimeout),
          new Field<ProviderSettings.Builder, String>(
              "model",
              Props.strings(30, true).map(s -> "m" + s),
              BLANK,
              ProviderSettings.Builder::model),
          new Field<ProviderSettings.Builder, java.net.URI>(
              "baseUrl",
              Props.oneOf(
                      "http://localhost:11434/api/chat",
                      "https://api.example.com/v1/chat/completions",
                      "HTTPS://x.y/z",
                      "http://my_ollama:11434/api/chat")
                  .map(java.net.URI::create),
              Props.oneOf(
                      "ftp://x/y",
                      "/relative/path",
                      "mailto:someone@example.com",
                      "https:///nohost",
                      "file:///etc/passwd")
                  .map(java.net.URI::create),
              ProviderSettings.Builder::baseUrl));

  private static List<String> withEmpty(List<String> list) {
    List<String> out = new java.util.ArrayList<>(list);
    out.add(out.isEmpty() ? 0 : new Random().nextInt(out.size() + 1), "");
    return out;
  }

  @Test
  void requestBuilderAcceptsEveryValidValueAndNamesTheFieldOfEveryInvalidOne() {
    for (Field<InferenceRequest.Builder, ?> field : REQUEST) {
      check(
          field,
          () -> InferenceRequest.builder().userPrompt("hi"),
          InferenceRequest.Builder::build);
    }
  }

  @Test
  void settingsBuilderAcceptsEveryValidValueAndNamesTheFieldOfEveryInvalidOne() {
    for (Field<ProviderSettings.Builder, ?> field : SETTINGS) {
      check(field, () -> ProviderSettings.builder("d").model("m"), ProviderSettings.Builder::build);
    }
  }

  private static <B, T> void check(
      Field<B, T> field,
      java.util.function.Supplier<B> fresh,
      java.util.function.Function<B, ?> build) {
    Props.forAll(
        200,
        field.valid(),
        value -> {
          B builder = fresh.get();
          field.set().accept(builder, value);
          assertThat(build.apply(builder)).as(field.name() + " = " + value).isNotNull();
        });
    Props.forAll(
        200,
        field.invalid(),
        value ->
            assertThatThrownBy(() -> field.set().accept(fresh.get(), value))
                .as(field.name() + " = " + value)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field.name()));
  }
}
