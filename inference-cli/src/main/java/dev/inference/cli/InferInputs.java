package dev.inference.cli;

import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.Tool;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code infer} reads besides the prompt: the tools of {@code --tools FILE} and the images of
 * {@code --image}. Every problem is an {@link IllegalArgumentException} naming the option and the
 * file, which the command prints as a usage error.
 */
final class InferInputs {

  /** The media types of the image files {@code --image} takes, by extension. */
  static final Map<String, String> IMAGE_TYPES =
      Map.of(
          "png", "image/png",
          "jpg", "image/jpeg",
          "jpeg", "image/jpeg",
          "gif", "image/gif",
          "webp", "image/webp");

  private static final JsonValue NO_PARAMETERS =
      JsonValue.parse("{\"type\":\"object\",\"properties\":{}}");

  private InferInputs() {}

  /**
   * The tools of a JSON array of {@code {"name","description"?,"parameters"?,"strict"?}}; the
   * OpenAI form {@code {"type":"function","function":{..}}} is taken too.
   */
  static List<Tool> tools(Path file, Path workingDirectory) {
    String where = "--tools " + file + ": ";
    String text = read(workingDirectory.resolve(file), "--tools " + file);
    JsonValue json;
    try {
      json = JsonValue.parse(text);
    } catch (IllegalArgumentException notJson) {
      throw new IllegalArgumentException(where + "not JSON: " + notJson.getMessage(), notJson);
    }
    if (!(json instanceof JsonValue.ArrayValue array)) {
      throw new IllegalArgumentException(
          where + "expected a JSON array of {\"name\",\"description\",\"parameters\"}");
    }
    List<Tool> tools = new ArrayList<>();
    for (int i = 0; i < array.elements().size(); i++) {
      String at = where + "$[" + i + "]: ";
      JsonValue element = array.elements().get(i);
      JsonValue spec = element.get("function").orElse(element);
      if (!(spec instanceof JsonValue.ObjectValue)) {
        throw new IllegalArgumentException(at + "expected an object, but was " + spec.toJson());
      }
      String name =
          spec.get("name")
              .flatMap(JsonValue::asString)
              .orElseThrow(() -> new IllegalArgumentException(at + "a tool needs a string 'name'"));
      JsonValue description = spec.get("description").orElse(JsonValue.of(""));
      if (description.asString().isEmpty()) {
        throw new IllegalArgumentException(at + "'description' must be a string");
      }
      JsonValue strict = spec.get("strict").orElse(JsonValue.of(false));
      if (!(strict instanceof JsonValue.BooleanValue flag)) {
        throw new IllegalArgumentException(at + "'strict' must be true or false");
      }
      try {
        tools.add(
            new Tool(
                name,
                description.asString().get(),
                spec.get("parameters").orElse(NO_PARAMETERS),
                flag.value()));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(at + bad.getMessage(), bad);
      }
    }
    return tools;
  }

  /** An image: an {@code http(s)} URL, else a file whose extension gives its media type. */
  static Part.Image image(String fileOrUrl, Path workingDirectory) {
    String lower = fileOrUrl.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      try {
        return Part.Image.url(URI.create(fileOrUrl));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException("--image " + fileOrUrl + ": not a valid URL", bad);
      }
    }
    String name = Path.of(fileOrUrl).getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String mediaType = IMAGE_TYPES.get(extension);
    if (mediaType == null) {
      throw new IllegalArgumentException(
          "--image "
              + fileOrUrl
              + ": cannot tell the image type from "
              + (extension.isEmpty() ? "a name without extension" : "'." + extension + "'")
              + "; known: .png, .jpg, .jpeg, .gif, .webp, or an http(s) URL");
    }
    byte[] bytes = readBytes(workingDirectory.resolve(fileOrUrl), "--image " + fileOrUrl);
    if (bytes.length == 0) {
      throw new IllegalArgumentException("--image " + fileOrUrl + ": the file is empty");
    }
    return Part.Image.inline(bytes, mediaType);
  }

  private static String read(Path file, String option) {
    return new String(readBytes(file, option), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(Path file, String option) {
    try {
      return Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException missing) {
      throw new IllegalArgumentException(option + ": no such file", missing);
    } catch (IOException unreadable) {
      throw new IllegalArgumentException(
          option + ": cannot read it (" + unreadable.getClass().getSimpleName() + ")", unreadable);
    }
  }
}
