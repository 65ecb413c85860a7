/**
 * The TOML config of Inference for Java: reads the Bitloops daemon inference config ({@code
 * [inference.runtimes.<name>]}, {@code [inference.profiles.<name>]}), substitutes {@code ${ENV}}
 * placeholders, reports every problem with its TOML path and line:column, and turns a profile into
 * a connected {@link dev.inference.InferenceClient}.
 */
@org.jspecify.annotations.NullMarked
module dev.inference.config {
  requires transitive dev.inference;
  requires org.tomlj;
  requires static org.jspecify;

  exports dev.inference.config;
}
