package dev.inference.benchmarks.contenders;

/**
 * One way of calling the stub: the raw baseline, this library or a peer. Every method makes the
 * same request ({@link dev.inference.benchmarks.Fixtures}) and does what a user needs with the
 * answer, so the work compared is the same.
 */
public interface Contender extends AutoCloseable {

  /**
   * One non-streamed chat completion.
   *
   * @return the answer text
   */
  String chat();

  /**
   * One streamed chat completion, consuming every event.
   *
   * @return the number of characters received
   */
  long stream();

  /**
   * One JSON-mode chat completion, with the answer parsed into a JSON tree.
   *
   * @return the parsed tree
   */
  Object json();

  @Override
  void close();
}
