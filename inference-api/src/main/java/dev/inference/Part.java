package dev.inference;

import dev.inference.internal.UserInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One piece of a {@link Message}: text, an image, a tool call the model asked for, or the result of
 * one. New kinds of part may be added in a minor version: switch over parts with a default branch.
 *
 * @since 0.2
 */
public sealed interface Part permits Part.Text, Part.Image, Part.ToolCall, Part.ToolResult {

  /**
   * A text part.
   *
   * @param text the text
   * @return the part
   */
  static Text text(String text) {
    return new Text(text);
  }

  /**
   * Text.
   *
   * @param text the text, never {@code null}; may be empty
   */
  record Text(String text) implements Part {
    /**
     * Checks the text.
     *
     * @param text the text
     */
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An image for the model to read, in a user message: a URL the provider fetches, or inline bytes
   * with their media type; with an optional {@link Detail} hint.
   */
  final class Image implements Part {

    /** How closely the provider should look; providers without the hint ignore it. */
    public enum Detail {
      /** The provider chooses. */
      AUTO,
      /** A low-resolution look: fewer tokens. */
      LOW,
      /** A high-resolution look. */
      HIGH;

      /**
       * The lower-case wire name ({@code low}).
       *
       * @return the wire name
       */
      public String wireName() {
        return name().toLowerCase(Locale.ROOT);
      }
    }

    private final @Nullable URI url;
    private final byte @Nullable [] bytes;
    private final @Nullable String mediaType;
    private final @Nullable Detail detail;

    private Image(
        @Nullable URI url,
        byte @Nullable [] bytes,
        @Nullable String mediaType,
        @Nullable Detail detail) {
      this.url = url;
      this.bytes = bytes;
      this.mediaType = mediaType;
      this.detail = detail;
    }

    /**
     * An image the provider fetches from a URL.
     *
     * @param url an absolute {@code http}, {@code https} or {@code data} URL
     * @return the image
     * @throws IllegalArgumentException if the URL is not absolute or has another scheme
     */
    public static Image url(URI url) {
      Objects.requireNonNull(url, "url");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("data")) {
        throw new IllegalArgumentException(
            "an image URL must be absolute http, https or data, but was '" + url + "'");
      }
      return new Image(url, null, null, null);
    }

    /**
     * An image sent inline.
     *
     * @param bytes the encoded image (PNG, JPEG, ...); copied
     * @param mediaType its media type, such as {@code image/png}
     * @return the image
     * @throws IllegalArgumentException if the bytes are empty or the media type is not {@code
     *     image/...}
     */
    public static Image inline(byte[] bytes, String mediaType) {
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(mediaType, "mediaType");
      if (bytes.length == 0) {
        throw new IllegalArgumentException("an inline image must not be empty");
      }
      if (!mediaType.matches("image/[A-Za-z0-9.+-]+")) {
        throw new IllegalArgumentException(
            "an inline image's media type must be image/..., such as image/png, but was '"
                + mediaType
                + "'");
      }
      return new Image(null, bytes.clone(), mediaType, null);
    }

    /**
     * The same image with a detail hint.
     *
     * @param detail the hint
     * @return a new image
     */
    public Image withDetail(Detail detail) {
      return new Image(url, bytes, mediaType, Objects.requireNonNull(detail, "detail"));
    }

    /**
     * The URL of an image given by URL.
     *
     * @return the URL, or empty for an inline image
     */
    public Optional<URI> url() {
      return Optional.ofNullable(url);
    }

    /**
     * Whether the image is sent inline.
     *
     * @return {@code true} for inline bytes
     */
    public boolean isInline() {
      return bytes != null;
    }

    /**
     * The bytes of an inline image.
     *
     * @return a copy of the bytes, or empty for an image given by URL
     */
    public Optional<byte[]> bytes() {
      return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    /**
     * The bytes of an inline image in standard base64, as providers take them.
     *
     * @return the base64 text, or empty for an image given by URL
     */
    public Optional<String> base64() {
      return bytes == null
          ? Optional.empty()
          : Optional.of(Base64.getEncoder().encodeToString(bytes));
    }

    /**
     * The media type of an inline image.
     *
     * @return the media type, or empty for an image given by URL
     */
    public Optional<String> mediaType() {
      return Optional.ofNullable(mediaType);
    }

    /**
     * The image as one URL: the URL it was given by, or a {@code data:} URL of the inline bytes.
     *
     * @return the URL text
     */
    public String href() {
      return url != null
          ? url.toString()
          : "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The detail hint.
     *
     * @return the hint, or empty when not given
     */
    public Optional<Detail> detail() {
      return Optional.ofNullable(detail);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Image that
          && Objects.equals(url, that.url)
          && Arrays.equals(bytes, that.bytes)
          && Objects.equals(mediaType, that.mediaType)
          && detail == that.detail;
    }

    @Override
    public int hashCode() {
      return Objects.hash(url, Arrays.hashCode(bytes), mediaType, detail);
    }

    @Override
    public String toString() {
      String what =
          url != null
              ? (url.getScheme().equalsIgnoreCase("data")
                  ? "data URL"
                  : UserInfo.redact(url.toString())) // a password in the URL stays out of logs
              : mediaType + ", " + bytes.length + " bytes";
      return "Image{" + what + (detail == null ? "" : ", detail=" + detail.wireName()) + '}';
    }
  }

  /**
   * A call of a {@link Tool} the model asked for, in an assistant message.
   *
   * <p>Its arguments are parsed when the call is made; arguments that are not valid JSON (models do
   * write such) are kept as the raw text, {@link #argumentsValid()} says so, and nothing throws
   * until {@link #argumentsAs} is asked for a record.
   */
  final class ToolCall implements Part {
    private final String id;
    private final String name;
    private final String rawArguments;
    private final @Nullable JsonValue arguments;

    private ToolCall(String id, String name, String rawArguments, @Nullable JsonValue arguments) {
      this.id = Objects.requireNonNull(id, "id");
      this.name = Objects.requireNonNull(name, "name");
      this.rawArguments = rawArguments;
      this.arguments = arguments;
    }

    /**
     * A call with arguments already parsed.
     *
     * @param id the provider's call id; may be empty when the provider gives none
     * @param name the tool's name
     * @param arguments the arguments, normally an object
     * @return the call
     */
    public static ToolCall of(String id, String name, JsonValue arguments) {
      Objects.requireNonNull(arguments, "arguments");
      return new ToolCall(id, name, arguments.toJson(), arguments);
    }

    /**
     * A call whose arguments arrived as JSON text; text that is not valid JSON is kept as it is.
     * Empty text means no arguments: an empty object.
     *
     * @param id the provider's call id; may be empty when the provider gives none
     * @param name the tool's name
     * @param rawArguments the arguments as the provider sent them
     * @return the call
     */
    public static ToolCall parse(String id, String name, String rawArguments) {
      Objects.requireNonNull(rawArguments, "rawArguments");
      if (rawArguments.isBlank()) {
        return new ToolCall(id, name, rawArguments, JsonValue.object(java.util.Map.of()));
      }
      JsonValue parsed;
      try {
        parsed = JsonValue.parse(rawArguments);
      } catch (IllegalArgumentException notJson) {
        parsed = null;
      }
      return new ToolCall(id, name, rawArguments, parsed);
    }

    /**
     * The provider's id for this call, which its {@link ToolResult} names.
     *
     * @return the id; empty when the provider gave none
     */
    public String id() {
      return id;
    }

    /**
     * The name of the tool to call.
     *
     * @return the name
     */
    public String name() {
      return name;
    }

    /**
     * Whether the arguments are valid JSON.
     *
     * @return {@code false} when only {@link #rawArguments()} holds them
     */
    public boolean argumentsValid() {
      return arguments != null;
    }

    /**
     * The arguments: the parsed JSON, or, when they are not valid JSON, the raw text as a JSON
     * string.
     *
     * @return the arguments, never {@code null}
     */
    public JsonValue arguments() {
      return arguments != null ? arguments : JsonValue.of(rawArguments);
    }

    /**
     * The arguments as the provider sent them (for a call made with {@link #of}, their compact
     * JSON).
     *
     * @return the text
     */
    public String rawArguments() {
      return rawArguments;
    }

    /**
     * The arguments mapped onto a record, such as the one the tool's parameters were derived from.
     *
     * @param type the record class
     * @param <T> the record type
     * @return the record
     * @throws IllegalArgumentException if the arguments are not valid JSON or do not fit the
     *     record; the message names the JSON path
     */
    public <T extends Record> T argumentsAs(Class<T> type) {
      if (arguments == null) {
        throw new IllegalArgumentException(
            "$: the arguments of " + name + " are not valid JSON: " + rawArguments);
      }
      return arguments.as(type);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ToolCall that
          && id.equals(that.id)
          && name.equals(that.name)
          && (arguments != null
              ? arguments.equals(that.arguments)
              : that.arguments == null && rawArguments.equals(that.rawArguments));
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, name, arguments != null ? arguments : rawArguments);
    }

    @Override
    public String toString() {
      return "ToolCall{id="
          + id
          + ", name="
          + name
          + ", arguments="
          + (arguments != null ? arguments.toJson() : "(not JSON) " + rawArguments)
          + '}';
    }
  }

  /**
   * What a tool returned, in a {@link Role#TOOL} message, tied to its call by the call's id.
   *
   * @param callId the {@link ToolCall#id()} this answers
   * @param toolName the name of the tool that ran (some providers want it, others ignore it)
   * @param content what the tool returned, as text (often JSON)
   * @param error whether the tool failed; {@code content} then says how
   */
  record ToolResult(String callId, String toolName, String content, boolean error) implements Part {
    /**
     * Checks the components.
     *
     * @param callId the call's id
     * @param toolName the tool's name
     * @param content the result
     * @param error whether the tool failed
     */
    public ToolResult {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(toolName, "toolName");
      Objects.requireNonNull(content, "content");
    }

    /**
     * The result of a call that succeeded.
     *
     * @param call the call
     * @param content what the tool returned
     * @return the result
     */
    public static ToolResult of(ToolCall call, String content) {
      return new ToolResult(call.id(), call.name(), content, false);
    }

    /**
     * The result of a call that failed.
     *
     * @param call the call
     * @param message what went wrong, for the model to read
     * @return the result
     */
    public static ToolResult error(ToolCall call, String message) {
      return new ToolResult(call.id(), call.name(), message, true);
    }
  }
}
