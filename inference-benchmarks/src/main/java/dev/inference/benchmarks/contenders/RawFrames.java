package dev.inference.benchmarks.contenders;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What a raw baseline does with one stream frame's data, for {@code FrameBenchmark}. */
public final class RawFrames {

  private RawFrames() {}

  /**
   * The text of the first string field named {@code field} in one frame's data, the document read
   * to its end, as the raw baselines read each line of a stream.
   *
   * @param data the frame's data, as the raw baselines' line reader hands it over
   * @param field {@code content} (OpenAI) or {@code text} (Anthropic)
   * @return the text
   */
  public static String text(String data, String field) {
    try (JsonParser parser = Raw.JSON.createParser(data)) {
      return Raw.firstString(parser, field);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }
}
