package dev.inference.benchmarks.coldstart;

import dev.inference.benchmarks.contenders.Contender;
import dev.inference.benchmarks.contenders.Contenders;
import java.net.URI;

/**
 * Cold start of inference-openai on the Apache HttpClient engine, through the TOML: a fresh JVM
 * makes one chat call and exits; run by {@link ColdStartRunner}.
 */
public final class InferenceOpenAiApacheStart {

  private InferenceOpenAiApacheStart() {}

  /**
   * Makes one call.
   *
   * @param args the stub's chat endpoint
   */
  public static void main(String[] args) {
    try (Contender contender = Contenders.create("inference-openai-apache", URI.create(args[0]))) {
      System.out.println(contender.chat().length());
    }
    System.exit(0);
  }
}
