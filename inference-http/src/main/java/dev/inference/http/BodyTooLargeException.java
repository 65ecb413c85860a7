package dev.inference.http;

import java.io.IOException;

/**
 * A buffered response body was longer than its limit, {@link HttpEngineRequest#maxBodyBytes()}
 * (experimental); reading stopped there.
 *
 * @since 0.2
 */
public final class BodyTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  private final long limit;

  /**
   * A body over its limit.
   *
   * @param limit the limit, in bytes
   */
  public BodyTooLargeException(long limit) {
    super("the response body exceeded the " + limit + "-byte limit");
    this.limit = limit;
  }

  /**
   * The limit the body went over.
   *
   * @return the limit, in bytes
   */
  public long limit() {
    return limit;
  }
}
