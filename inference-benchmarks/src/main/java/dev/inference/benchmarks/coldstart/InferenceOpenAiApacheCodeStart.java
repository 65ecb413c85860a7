package dev.inference.benchmarks.coldstart;

import dev.inference.benchmarks.contenders.Contender;
import dev.inference.benchmarks.contenders.Contenders;
import java.net.URI;

/**
 * Cold start of inference-openai on the Apache HttpClient engine, built in code: a fresh JVM makes
 * one chat call and exits; run by {@link ColdStartRunner}.
 */
public final class InferenceOpenAiApacheCodeStart {

  private InferenceOpenAiApacheCodeStart() {}

  /**
   * Makes one call.
   *
   * @param args the stub's chat endpoint
   */
  public static void main(String[] args) {
    try (Contender contender =
        Contenders.create("inference-openai-apache-code", URI.create(args[0]))) {
      System.out.println(contender.chat().length());
    }
    System.exit(0);
  }
}
