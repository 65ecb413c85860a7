/**
 * The BusDK inference contract: the {@code bus.inference.*} request and response events as JSON in
 * and JSON out, validated as the contract says and executed through the {@link
 * dev.inference.runtime.RuntimeOperations} of the runtime that serves a node. Depends on the JDK
 * and the caller API only.
 */
@org.jspecify.annotations.NullMarked
module dev.inference.bus {
  requires transitive dev.inference;
  requires static org.jspecify;

  exports dev.inference.bus;
}
