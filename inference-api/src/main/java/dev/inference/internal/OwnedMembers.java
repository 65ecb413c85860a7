package dev.inference.internal;

import dev.inference.JsonValue;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The members of a JSON object that {@link JsonValue.ObjectBuilder} handed over: a read-only view
 * of a map nobody else holds, so that {@link JsonValue.ObjectValue} keeps it without the copy it
 * makes of any other map. Only the builder makes one.
 */
public final class OwnedMembers extends AbstractMap<String, JsonValue> {

  private final Map<String, JsonValue> view;

  private OwnedMembers(LinkedHashMap<String, JsonValue> members) {
    this.view = Collections.unmodifiableMap(members);
  }

  /**
   * Takes a map over; the caller must drop every reference to it.
   *
   * @param members the members, checked for nulls already
   * @return the read-only members
   */
  public static OwnedMembers takeOver(LinkedHashMap<String, JsonValue> members) {
    return new OwnedMembers(members);
  }

  @Override
  public Set<Entry<String, JsonValue>> entrySet() {
    return view.entrySet();
  }

  @Override
  public @Nullable JsonValue get(@Nullable Object key) {
    return view.get(key);
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return view.containsKey(key);
  }

  @Override
  public int size() {
    return view.size();
  }
}
