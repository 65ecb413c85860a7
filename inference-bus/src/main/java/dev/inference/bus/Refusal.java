package dev.inference.bus;

/**
 * Ends the handling of one request with {@code ok:false}: its error class and the one diagnostic
 * that says what was wrong and what to do. It never leaves the package: the handler turns it into a
 * response.
 */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final BusErrorClass errorClass;

  Refusal(BusErrorClass errorClass, String diagnostic) {
    super(diagnostic, null, false, false);
    this.errorClass = errorClass;
  }

  static Refusal badRequest(String diagnostic) {
    return new Refusal(BusErrorClass.BAD_REQUEST, diagnostic);
  }

  BusErrorClass errorClass() {
    return errorClass;
  }

  String diagnostic() {
    return getMessage();
  }
}
