package dev.inference.benchmarks.coldstart;

import dev.inference.benchmarks.contenders.Contender;
import dev.inference.benchmarks.contenders.Contenders;
import java.net.URI;

/**
 * Cold start of lc4j-ollama: a fresh JVM makes one chat call and exits; run by {@link
 * ColdStartRunner}.
 */
public final class Lc4jOllamaStart {

  private Lc4jOllamaStart() {}

  /**
   * Makes one call.
   *
   * @param args the stub's chat endpoint
   */
  public static void main(String[] args) {
    try (Contender contender = Contenders.create("lc4j-ollama", URI.create(args[0]))) {
      System.out.println(contender.chat().length());
    }
    System.exit(0);
  }
}
