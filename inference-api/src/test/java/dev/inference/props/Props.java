package dev.inference.props;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-test harness on plain JUnit: a generator makes inputs from a seeded {@link
 * Random}, a property checks each; the size grows from small to large over the tries, so the first
 * counterexample found tends to be small. A failure names the property, the try, the seed and the
 * input; {@code -Dprops.seed=<seed>} replays the run, {@code -Dprops.tries=<n>} changes the count.
 *
 * <p>Shared by the test suites of the other modules through this module's test jar.
 */
public final class Props {

  private Props() {}

  /** Makes one input from the random source; {@code size} grows from 0 to 100 over the tries. */
  @FunctionalInterface
  public interface Gen<T> {
    T next(Random random, int size);

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
      return (random, size) -> mapper.apply(next(random, size));
    }
  }

  /**
   * Checks {@code property} on {@code tries} inputs.
   *
   * @param tries how many inputs, unless {@code -Dprops.tries} says otherwise
   * @param gen the generator
   * @param property throws (an assertion error, usually) when the input falsifies it
   */
  public static <T> void forAll(int tries, Gen<T> gen, Consumer<? super T> property) {
    Objects.requireNonNull(gen, "gen");
    Objects.requireNonNull(property, "property");
    long seed = Long.getLong("props.seed", new Random().nextLong());
    int count = Integer.getInteger("props.tries", tries);
    Random random = new Random(seed);
    for (int i = 0; i < count; i++) {
      int size = count == 1 ? 100 : (int) (100L * i / (count - 1));
      T input = gen.next(random, size);
      try {
        property.accept(input);
      } catch (Throwable falsified) {
        AssertionError failure =
            new AssertionError(
                "property falsified at try "
                    + (i + 1)
                    + " of "
                    + count
                    + " (replay with -Dprops.seed="
                    + seed
                    + "): input "
                    + show(input)
                    + ": "
                    + falsified,
                falsified);
        throw failure;
      }
    }
  }

  private static String show(Object input) {
    String text;
    if (input instanceof byte[] bytes) {
      text = java.util.Arrays.toString(bytes);
    } else {
      text = String.valueOf(input);
    }
    return text.length() > 2000
        ? text.substring(0, 2000) + "... (" + text.length() + " chars)"
        : text;
  }

  // ------------------------------------------------------------------ generators

  /** An int in {@code [min, max]}. */
  public static Gen<Integer> ints(int min, int max) {
    return (random, size) -> min + (int) (Math.abs(random.nextLong()) % ((long) max - min + 1));
  }

  /** One of the given values. */
  @SafeVarargs
  public static <T> Gen<T> oneOf(T... values) {
    List<T> list = new ArrayList<>();
    for (T value : values) {
      list.add(value);
    }
    return (random, size) -> list.get(random.nextInt(list.size()));
  }

  /** One of the given generators. */
  @SafeVarargs
  public static <T> Gen<T> frequency(Gen<? extends T>... gens) {
    List<Gen<? extends T>> list = new ArrayList<>();
    for (Gen<? extends T> gen : gens) {
      list.add(gen);
    }
    return (random, size) -> list.get(random.nextInt(list.size())).next(random, size);
  }

  /** A list whose length grows with the size, up to {@code maxLength}. */
  public static <T> Gen<List<T>> lists(Gen<T> element, int maxLength) {
    return (random, size) -> {
      int bound = Math.max(1, maxLength * size / 100);
      int length = random.nextInt(bound + 1);
      List<T> out = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        out.add(element.next(random, size));
      }
      return out;
    };
  }

  /** Random bytes, length growing with the size up to {@code maxLength}. */
  public static Gen<byte[]> bytes(int maxLength) {
    return (random, size) -> {
      byte[] out = new byte[random.nextInt(Math.max(1, maxLength * size / 100) + 1)];
      random.nextBytes(out);
      return out;
    };
  }

  /**
   * A string mixing ASCII, control characters, the given interesting fragments, multi-byte
   * characters, surrogate pairs and lone surrogates (when {@code loneSurrogates}).
   */
  public static Gen<String> strings(int maxLength, boolean loneSurrogates, String... fragments) {
    return (random, size) -> {
      int length = random.nextInt(Math.max(1, maxLength * size / 100) + 1);
      StringBuilder out = new StringBuilder();
      while (out.length() < length) {
        int pick = random.nextInt(10);
        if (pick < 4) {
          out.append((char) (' ' + random.nextInt(95)));
        } else if (pick == 4) {
          out.append((char) random.nextInt(32));
        } else if (pick == 5 && fragments.length > 0) {
          out.append(fragments[random.nextInt(fragments.length)]);
        } else if (pick == 6) {
          out.append((char) (0xA0 + random.nextInt(0xD7FF - 0xA0)));
        } else if (pick == 7) {
          out.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
        } else if (pick == 8 && loneSurrogates) {
          out.append((char) (0xD800 + random.nextInt(0x800)));
        } else {
          out.append((char) ('a' + random.nextInt(26)));
        }
      }
      return out.toString();
    };
  }

  /** Cuts {@code bytes} at random places into consecutive chunks (some empty). */
  public static List<byte[]> randomSplit(byte[] bytes, Random random) {
    List<byte[]> chunks = new ArrayList<>();
    int at = 0;
    while (at < bytes.length) {
      int length = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(Math.min(64, bytes.length - at));
      length = Math.min(length, bytes.length - at);
      chunks.add(java.util.Arrays.copyOfRange(bytes, at, at + length));
      at += length;
    }
    return chunks;
  }
}
