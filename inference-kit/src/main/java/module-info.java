/**
 * The transport-neutral driver kit of Inference for Java (experimental): the call pipeline,
 * framing, JSON, response assembly, resilience, deadlines, error mapping, redaction and the
 * loopback rule.
 */
@org.jspecify.annotations.NullMarked
module dev.inference.kit {
  requires transitive dev.inference;
  requires com.fasterxml.jackson.core;
  requires io.github.resilience4j.core;
  requires io.github.resilience4j.retry;
  requires io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.bulkhead;
  requires io.github.resilience4j.ratelimiter;
  requires static org.jspecify;

  exports dev.inference.kit;
}
