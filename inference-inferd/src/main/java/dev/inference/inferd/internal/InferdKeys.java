package dev.inference.inferd.internal;

import dev.inference.JsonValue;
import dev.inference.spi.ConfigKey;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The profile keys of the inferd driver, declared through {@link ConfigKey}. */
public final class InferdKeys {

  /** The budgets the daemon accepts ({@code VALID_IMAGE_TOKEN_BUDGETS}). */
  public static final List<Long> IMAGE_TOKEN_BUDGETS = List.of(70L, 140L, 280L, 560L, 1120L);

  /** The daemon's frame cap, and the default of {@link #MAX_FRAME_BYTES}: 64 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

  /** The daemon's grammar limit in bytes (threat model F-11): 64 KiB. */
  public static final int MAX_GRAMMAR_BYTES = 64 * 1024;

  /** The daemon's limit on a grammar's {@code |} alternations (F-11). */
  public static final int MAX_GRAMMAR_ALTERNATIONS = 4096;

  /** {@code admin_socket}: the admin socket's path, for status and lifecycle. */
  public static final ConfigKey<String> ADMIN_SOCKET =
      ConfigKey.of(
          "admin_socket",
          "the daemon's admin socket, for status and lifecycle events (default: admin.sock beside"
              + " the inference socket)",
          String.class,
          "an absolute path or unix:/absolute/path",
          new SocketPath());

  /** {@code image_token_budget}: one of the daemon's budgets. */
  public static final ConfigKey<Long> IMAGE_TOKEN_BUDGET =
      ConfigKey.of(
          "image_token_budget",
          "the vision token budget per image the daemon is asked for",
          Long.class,
          "one of 70, 140, 280, 560, 1120",
          new ImageTokenBudget());

  /** {@code top_k}: sampling from the k most likely tokens. */
  public static final ConfigKey<Long> TOP_K =
      ConfigKey.integer("top_k", "sample from the k most likely tokens", 1, Integer.MAX_VALUE);

  /**
   * {@code grammar}: a llama.cpp GBNF grammar the daemon constrains the answer with; its limits are
   * checked by {@link #grammarProblem}, whose message does not quote a grammar of 64 KiB.
   */
  public static final ConfigKey<String> GRAMMAR =
      ConfigKey.string(
          "grammar",
          "a llama.cpp GBNF grammar passed to the daemon unchanged (at most 65536 bytes and 4096"
              + " '|' alternations)");

  /** {@code max_frame_bytes}: the largest response frame accepted. */
  public static final ConfigKey<Long> MAX_FRAME_BYTES =
      ConfigKey.integer(
          "max_frame_bytes",
          "the largest response frame accepted, in bytes (default 64 MiB, the daemon's cap)",
          64,
          Integer.MAX_VALUE);

  /** Every key, in the order the docs list them. */
  public static final List<ConfigKey<?>> ALL =
      List.of(ADMIN_SOCKET, IMAGE_TOKEN_BUDGET, TOP_K, GRAMMAR, MAX_FRAME_BYTES);

  private InferdKeys() {}

  /**
   * What is wrong with a grammar by the daemon's limits.
   *
   * @param grammar the GBNF text
   * @return the problem as the end of a sentence, or empty when it is within them
   */
  public static Optional<String> grammarProblem(String grammar) {
    int bytes = grammar.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > MAX_GRAMMAR_BYTES) {
      return Optional.of(
          "the grammar has " + bytes + " bytes, over the daemon's limit of " + MAX_GRAMMAR_BYTES);
    }
    long alternations = 0;
    for (int i = 0; i < grammar.length(); i++) {
      if (grammar.charAt(i) == '|') {
        alternations++;
      }
    }
    if (alternations > MAX_GRAMMAR_ALTERNATIONS) {
      return Optional.of(
          "the grammar has "
              + alternations
              + " '|' alternations, over the daemon's limit of "
              + MAX_GRAMMAR_ALTERNATIONS);
    }
    return Optional.empty();
  }

  // The keys' readers are classes, not lambdas: every installed driver's keys are made when
  // `inference run` starts, where linking a lambda's call site costs more than loading a class
  // (StartPathTest).

  private static final class SocketPath implements Function<JsonValue, Optional<String>> {
    @Override
    public Optional<String> apply(JsonValue value) {
      Optional<String> read = value.asString();
      if (read.isEmpty()) {
        return Optional.empty();
      }
      String text = read.get();
      text = text.startsWith("unix:///") ? text.substring(7) : text;
      text = text.startsWith("unix:") ? text.substring(5) : text;
      return text.startsWith("/") && text.length() > 1 ? Optional.of(text) : Optional.empty();
    }
  }

  private static final class ImageTokenBudget implements Function<JsonValue, Optional<Long>> {
    @Override
    public Optional<Long> apply(JsonValue value) {
      java.util.OptionalLong budget = value.asLong();
      return budget.isPresent() && IMAGE_TOKEN_BUDGETS.contains(budget.getAsLong())
          ? Optional.of(budget.getAsLong())
          : Optional.empty();
    }
  }
}
