package dev.inference.cli;

import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.ResponseFormat;
import dev.inference.cli.SerdeJson.Content;
import dev.inference.cli.SerdeJson.Member;
import dev.inference.cli.SerdeRead.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a request line as bitloops-inference 0.1.3 does: serde's derive of {@code
 * RequestEnvelope} ({@code request_id} plus a flattened payload tagged by {@code type}) over
 * serde_json. A line it cannot decode fails with serde's message, column included, and the id a
 * host would get back: the line's {@code request_id} when the line is JSON and that member is a
 * string, else {@code unknown}.
 */
final class RequestDecoder {

  private static final List<String> TYPES = List.of("describe", "infer", "shutdown");
  private static final List<String> MODES = List.of("text", "json_object");

  private RequestDecoder() {}

  /** Decodes the first {@code length} bytes of {@code line} (valid UTF-8, no line break). */
  static Protocol.Request decode(byte[] line, int length) throws Protocol.DecodeException {
    try {
      return envelope(new SerdeJson(line, length));
    } catch (Failure failure) {
      throw new Protocol.DecodeException(
          requestId(line, length), "failed to deserialise JSON: " + failure.display());
    } catch (Refused refused) {
      throw new Protocol.DecodeException(requestId(line, length), refused.getMessage());
    }
  }

  /** A value serde accepts and this library does not; said in the library's own words. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** {@code serde_json::from_str::<RequestEnvelope>}: deserialize_map, then end(). */
  private static Protocol.Request envelope(SerdeJson json) throws Failure {
    int peek = json.parseWhitespace();
    if (peek < 0) {
      throw json.peekError(SerdeJson.EOF_VALUE);
    }
    if (peek != '{') {
      throw json.peekInvalidType("struct RequestEnvelope");
    }
    json.checkRecursion();
    json.eatChar();
    Protocol.Request request = null;
    Failure failure = null;
    try {
      request = visitEnvelope(json);
    } catch (Failure visitFailed) {
      failure = visitFailed;
    }
    json.leaveRecursion();
    // serde_json ends the map even when its visitor failed; the visitor's error wins
    Failure atEnd = json.endMap();
    if (failure == null) {
      failure = atEnd;
    }
    if (failure != null) {
      throw json.fixPosition(failure);
    }
    json.end();
    return request;
  }

  /** The derived visitor: {@code request_id} read in place, every other member buffered. */
  private static Protocol.Request visitEnvelope(SerdeJson json) throws Failure {
    String requestId = null;
    List<Member> collected = new ArrayList<>();
    boolean first = true;
    while (json.hasNextKey(first)) {
      first = false;
      String key = json.parseKey();
      if (key.equals("request_id")) {
        if (requestId != null) {
          throw Failure.custom(SerdeText.duplicateField("request_id"));
        }
        json.parseObjectColon();
        requestId = string(json);
      } else {
        json.parseObjectColon();
        collected.add(new Member(key, json.parseAny()));
      }
    }
    if (requestId == null) {
      throw Failure.custom(SerdeText.missingField("request_id"));
    }
    return payload(requestId, collected);
  }

  /** {@code deserialize_string} straight from the reader. */
  private static String string(SerdeJson json) throws Failure {
    int peek = json.parseWhitespace();
    if (peek < 0) {
      throw json.peekError(SerdeJson.EOF_VALUE);
    }
    if (peek != '"') {
      throw json.peekInvalidType("a string");
    }
    json.eatChar();
    return json.parseStr();
  }

  /** The internally tagged {@code RequestPayload}, from the buffered members. */
  private static Protocol.Request payload(String id, List<Member> members) throws Failure {
    Integer variant = null;
    List<Member> rest = new ArrayList<>();
    for (Member member : members) {
      if (!member.key().equals("type")) {
        rest.add(member);
        continue;
      }
      if (variant != null) {
        throw Failure.custom(SerdeText.duplicateField("type"));
      }
      variant = variantIndex(member.value());
    }
    if (variant == null) {
      throw Failure.custom(SerdeText.missingField("type"));
    }
    return switch (variant) {
      case 0 -> new Protocol.Describe(id);
      case 1 -> infer(id, rest);
      default -> new Protocol.Shutdown(id);
    };
  }

  /** A derived variant identifier: a name, or (serde's quirk) an index. */
  private static int variantIndex(Content tag) throws Failure {
    if (tag instanceof SerdeJson.Str name) {
      int index = TYPES.indexOf(name.value());
      if (index < 0) {
        throw Failure.custom(SerdeText.unknownVariant(name.value(), TYPES));
      }
      return index;
    }
    if (tag instanceof SerdeJson.U64 number) {
      if (Long.compareUnsigned(number.value(), TYPES.size()) >= 0) {
        throw Failure.custom(SerdeText.invalidValue(tag, "variant index 0 <= i < 3"));
      }
      return (int) number.value();
    }
    throw Failure.custom(SerdeText.invalidType(tag, "variant identifier"));
  }

  /** {@code InferRequest}: members in input order, then the missing ones in declared order. */
  private static Protocol.Infer infer(String id, List<Member> members) throws Failure {
    Map<String, Content> fields = new LinkedHashMap<>();
    for (Member member : members) {
      if (FIELDS.contains(member.key()) && fields.put(member.key(), member.value()) != null) {
        throw Failure.custom(SerdeText.duplicateField(member.key()));
      }
      // each value is checked as its member comes, as serde's visitor does
      if (fields.get(member.key()) == member.value()) {
        check(member.key(), member.value());
      }
    }
    for (String required : List.of("system_prompt", "user_prompt", "response_mode")) {
      if (!fields.containsKey(required)) {
        throw Failure.custom(SerdeText.missingField(required));
      }
    }
    boolean stream = stream(members);
    try {
      InferenceRequest.Builder builder =
          InferenceRequest.builder()
              .systemPrompt(((SerdeJson.Str) fields.get("system_prompt")).value())
              .userPrompt(((SerdeJson.Str) fields.get("user_prompt")).value())
              .responseFormat(responseMode(fields.get("response_mode")));
      if (!id.isBlank()) {
        builder.requestId(id);
      }
      // plain code rather than Optional's lambdas: a host's first infer pays for every call site
      // linked on the way (bench/notes.md)
      @Nullable Content temperature = present(fields, "temperature");
      if (temperature != null) {
        // the decimal as written, not widened from an f32 (a documented deviation)
        builder.temperature(Double.parseDouble(numberText(temperature)));
      }
      @Nullable Content maxOutputTokens = present(fields, "max_output_tokens");
      if (maxOutputTokens != null) {
        builder.maxOutputTokens(Long.parseLong(numberText(maxOutputTokens)));
      }
      @Nullable Content metadata = present(fields, "metadata");
      if (metadata != null) {
        builder.metadata(((JsonValue.ObjectValue) SerdeJson.value(metadata)).members());
      }
      return new Protocol.Infer(id, builder.build(), stream);
    } catch (IllegalArgumentException refused) {
      // the library refuses values the original passed on (a negative temperature, 0 tokens)
      throw new Refused(String.valueOf(refused.getMessage()));
    }
  }

  private static final List<String> FIELDS =
      List.of(
          "system_prompt",
          "user_prompt",
          "response_mode",
          "temperature",
          "max_output_tokens",
          "metadata");

  /** Fails as serde would if {@code value} cannot be the field {@code name}. */
  private static void check(String name, Content value) throws Failure {
    switch (name) {
      case "system_prompt", "user_prompt" -> {
        if (!(value instanceof SerdeJson.Str)) {
          throw Failure.custom(SerdeText.invalidType(value, "a string"));
        }
      }
      case "response_mode" -> responseMode(value);
      case "temperature" -> {
        if (!isNull(value)
            && !(value instanceof SerdeJson.U64
                || value instanceof SerdeJson.I64
                || value instanceof SerdeJson.F64)) {
          throw Failure.custom(SerdeText.invalidType(value, "f32"));
        }
      }
      case "max_output_tokens" -> u32(value);
      default -> {
        if (!isNull(value) && !(value instanceof SerdeJson.Obj)) {
          throw Failure.custom(SerdeText.invalidType(value, "a map"));
        }
      }
    }
  }

  private static void u32(Content value) throws Failure {
    if (isNull(value)) {
      return;
    }
    if (value instanceof SerdeJson.U64 number) {
      if (Long.compareUnsigned(number.value(), 0xFFFF_FFFFL) > 0) {
        throw Failure.custom(SerdeText.invalidValue(value, "u32"));
      }
    } else if (value instanceof SerdeJson.I64) {
      throw Failure.custom(SerdeText.invalidValue(value, "u32"));
    } else {
      throw Failure.custom(SerdeText.invalidType(value, "u32"));
    }
  }

  /** A unit enum from content: a name, or a map of one name to null. */
  private static ResponseFormat responseMode(Content value) throws Failure {
    Content variant = value;
    if (value instanceof SerdeJson.Obj object) {
      if (object.members().size() != 1) {
        throw Failure.custom(SerdeText.invalidValue(value, "map with a single key"));
      }
      Member only = object.members().get(0);
      variant = new SerdeJson.Str(only.key());
      if (!isNull(only.value())) {
        mode(only.key());
        throw Failure.custom(SerdeText.invalidType(only.value(), "unit"));
      }
    } else if (!(value instanceof SerdeJson.Str)) {
      throw Failure.custom(SerdeText.invalidType(value, "string or map"));
    }
    return mode(((SerdeJson.Str) variant).value());
  }

  private static ResponseFormat mode(String name) throws Failure {
    return switch (name) {
      case "text" -> ResponseFormat.text();
      case "json_object" -> ResponseFormat.jsonObject();
      default -> throw Failure.custom(SerdeText.unknownVariant(name, MODES));
    };
  }

  /** An {@code Option}'s value: {@code null} when the member is missing or null. */
  private static @Nullable Content present(Map<String, Content> fields, String name) {
    Content value = fields.get(name);
    return value == null || isNull(value) ? null : value;
  }

  private static boolean isNull(Content value) {
    return value instanceof SerdeJson.Unit;
  }

  private static String numberText(Content value) {
    if (value instanceof SerdeJson.U64 number) {
      return number.text();
    }
    if (value instanceof SerdeJson.I64 number) {
      return number.text();
    }
    return ((SerdeJson.F64) value).text();
  }

  /**
   * This library's own {@code stream} member (serde ignores it): a boolean when present. Not
   * serde's, so checked after every serde rule passed.
   */
  private static boolean stream(List<Member> members) throws Failure {
    for (Member member : members) {
      if (member.key().equals("stream") && !isNull(member.value())) {
        if (member.value() instanceof SerdeJson.Bool flag) {
          return flag.value();
        }
        throw Failure.custom(SerdeText.invalidType(member.value(), "a boolean"));
      }
    }
    return false;
  }

  /**
   * The id a failed line is answered with: its {@code request_id} if the whole line is JSON (a
   * later duplicate wins) and that member is a string, else {@code unknown}.
   */
  private static String requestId(byte[] line, int length) {
    try {
      SerdeJson json = new SerdeJson(line, length);
      Content whole = json.parseAny();
      json.end();
      String id = Protocol.UNKNOWN_ID;
      if (whole instanceof SerdeJson.Obj object) {
        for (Member member : object.members()) {
          if (member.key().equals("request_id")) {
            id =
                member.value() instanceof SerdeJson.Str string
                    ? string.value()
                    : Protocol.UNKNOWN_ID;
          }
        }
      }
      return id;
    } catch (Failure notJson) {
      return Protocol.UNKNOWN_ID;
    }
  }
}
