package dev.inference.http.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A request's headers, one value per name, kept as name-value pairs in one array: a call sets four
 * to six of them, for which a linked hash map cost an entry per header, a table and a wrapper on
 * every call. {@link #set} replaces a header of the same name in any case and moves it to the end;
 * {@link #freeze} hands the pairs to a request as a read-only map, and the next {@link #set} copies
 * them first, so a request never changes after it was built.
 */
public final class HeaderPairs {

  private String[] pairs = new String[12];
  private int size; // pairs.length used: two slots per header
  private boolean shared;

  /**
   * Sets a header, replacing one of the same name in any case.
   *
   * @param name the name
   * @param value the value
   */
  public void set(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (shared) {
      pairs = pairs.clone(); // a request built before keeps its own
      shared = false;
    }
    for (int at = 0; at < size; at += 2) {
      if (pairs[at].equalsIgnoreCase(name)) {
        System.arraycopy(pairs, at + 2, pairs, at, size - at - 2);
        size -= 2;
        break; // set keeps one per name, so there is no other
      }
    }
    if (size == pairs.length) {
      pairs = Arrays.copyOf(pairs, size * 2);
    }
    pairs[size++] = name;
    pairs[size++] = value;
  }

  /**
   * The headers as they are now, read-only; later changes to these pairs do not show in it.
   *
   * @return the map, in the order the headers were set
   */
  public Map<String, String> freeze() {
    shared = true;
    return new Frozen(pairs, size);
  }

  /** The pairs as an unmodifiable map; {@link #forEach} and {@link #get} walk the array. */
  private static final class Frozen extends AbstractMap<String, String> {
    private final String[] pairs;
    private final int size;

    Frozen(String[] pairs, int size) {
      this.pairs = pairs;
      this.size = size;
    }

    @Override
    public int size() {
      return size / 2;
    }

    @Override
    public @Nullable String get(@Nullable Object name) {
      for (int at = 0; at < size; at += 2) {
        if (pairs[at].equals(name)) {
          return pairs[at + 1];
        }
      }
      return null;
    }

    @Override
    public boolean containsKey(@Nullable Object name) {
      return get(name) != null;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
      for (int at = 0; at < size; at += 2) {
        action.accept(pairs[at], pairs[at + 1]);
      }
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return size / 2;
        }

        @Override
        public Iterator<Entry<String, String>> iterator() {
          return new Iterator<>() {
            private int at;

            @Override
            public boolean hasNext() {
              return at < size;
            }

            @Override
            public Entry<String, String> next() {
              if (at >= size) {
                throw new NoSuchElementException();
              }
              at += 2;
              return new SimpleImmutableEntry<>(pairs[at - 2], pairs[at - 1]);
            }
          };
        }
      };
    }
  }
}
