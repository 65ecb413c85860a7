package dev.inference.bus;

import dev.inference.JsonValue;
import dev.inference.spi.SecretResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An install request's {@code credentials}: {@code api_token_secret}, {@code tls_ca_file} and
 * {@code ssh_private_key_secret}, each a {@code secret://deployment/<name>} reference that the
 * deployment's secret resolver knows. An inline value is refused and never repeated; a resolved
 * value is only checked to exist and is not kept.
 *
 * @param references the references by key, in the order of {@link #KEYS}
 */
record Credentials(Map<String, String> references) {

  static final List<String> KEYS =
      List.of("api_token_secret", "tls_ca_file", "ssh_private_key_secret");

  static final String PREFIX = "secret://deployment/";

  private static final Pattern REFERENCE = Pattern.compile("secret://deployment/[A-Za-z0-9_.-]+");

  static Credentials read(Optional<JsonValue> value, SecretResolver secrets) {
    if (value.isEmpty()) {
      return new Credentials(Map.of());
    }
    Fields fields = Fields.of("credentials", value.get(), Set.copyOf(KEYS));
    Map<String, String> references = new LinkedHashMap<>();
    for (String key : KEYS) {
      Optional<JsonValue> field = fields.value(key);
      if (field.isEmpty()) {
        continue;
      }
      if (!(field.get() instanceof JsonValue.StringValue string)) {
        throw fields.wrongType(
            key, "a secret://deployment/<name> reference (a string)", field.get());
      }
      String reference = string.value();
      if (!REFERENCE.matcher(reference).matches()) {
        throw Refusal.badRequest(
            "credentials."
                + key
                + " must be a "
                + PREFIX
                + "<name> reference (name of letters, digits, '_', '-' and '.'); inline secret"
                + " values are refused, and the value given is not repeated here");
      }
      requireKnown(key, reference, secrets);
      references.put(key, reference);
    }
    return new Credentials(references);
  }

  /** The resolver must know the reference; what it resolves to is checked and dropped. */
  private static void requireKnown(String key, String reference, SecretResolver secrets) {
    boolean known;
    try {
      known = !secrets.resolve(reference).isBlank();
    } catch (RuntimeException unknown) {
      // its message is not used: a resolver's message might carry what it read
      known = false;
    }
    if (!known) {
      throw new Refusal(
          BusErrorClass.NOT_FOUND,
          "credentials."
              + key
              + ": "
              + reference
              + " is not known to the deployment's secret resolver; create the secret first");
    }
  }
}
