package dev.inference.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for requests that were given none: random version-4 UUIDs drawn from {@link
 * ThreadLocalRandom}. A request id correlates a call across logs, spans and the provider; it is no
 * secret, so it does not need {@link UUID#randomUUID()}'s {@code SecureRandom}, whose first use in
 * a JVM costs a cold start about 15 ms (the security providers and their seeding) and whose every
 * use takes a lock and reads the system's entropy.
 */
public final class RequestIds {

  private RequestIds() {}

  /**
   * A new id.
   *
   * @return a random version-4 UUID in its usual text form
   */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF
    return new UUID(high, low).toString();
  }
}
