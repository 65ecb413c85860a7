package dev.inference.testkit;

import dev.inference.FinishReason;
import dev.inference.JsonValue;
import dev.inference.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A canonical provider behaviour that a {@link WireFixture} renders as its provider's HTTP
 * response.
 *
 * <p>The kit plays the transport itself (delays, byte-split bodies, cut and refused connections,
 * HTML error pages, bodies that are not JSON) around these renderings, so a fixture only knows its
 * provider's wire format.
 *
 * @since 0.1
 */
public sealed interface Scenario {

  /**
   * A whole, non-streamed answer.
   *
   * @param text the assistant's text
   * @param finish why generation stopped
   * @param usage the token counts to send, or empty to send none
   */
  record Text(String text, FinishReason.Kind finish, Optional<Usage> usage) implements Scenario {
    /**
     * Checks the components.
     *
     * @param text the assistant's text
     * @param finish why generation stopped
     * @param usage the token counts to send, or empty
     */
    public Text {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(finish, "finish");
      Objects.requireNonNull(usage, "usage");
    }
  }

  /**
   * A streamed answer: one frame per delta, in order, then the provider's end of stream with the
   * finish reason and, when present, the usage (for OpenAI: a usage chunk and {@code [DONE]}; for
   * Ollama: the {@code done:true} line).
   *
   * @param deltas the text pieces, in order; at least one
   * @param finish why generation stopped
   * @param usage the token counts to send, or empty to send none
   */
  record StreamedText(List<String> deltas, FinishReason.Kind finish, Optional<Usage> usage)
      implements Scenario {
    /**
     * Checks and copies the components.
     *
     * @param deltas the text pieces
     * @param finish why generation stopped
     * @param usage the token counts to send, or empty
     */
    public StreamedText {
      deltas = List.copyOf(deltas);
      if (deltas.isEmpty()) {
        throw new IllegalArgumentException("deltas must not be empty");
      }
      Objects.requireNonNull(finish, "finish");
      Objects.requireNonNull(usage, "usage");
    }

    /**
     * The whole text: the deltas joined.
     *
     * @return the text
     */
    public String text() {
      return String.join("", deltas);
    }
  }

  /**
   * A whole, non-streamed answer to a request in a JSON mode, finished with {@code STOP} and
   * without usage. Most fixtures render it as a {@link Text}; it is separate for providers that
   * answer JSON modes in another shape.
   *
   * @param text the assistant's text, which may or may not hold a JSON object
   */
  record JsonObject(String text) implements Scenario {
    /**
     * Checks the text.
     *
     * @param text the assistant's text
     */
    public JsonObject {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An answer that asks for tool calls, finished with the provider's word for tool calls and
   * without usage or text. Whole, each call's arguments are one string (OpenAI) or one object
   * (Ollama); streamed, each call comes as the provider streams it: OpenAI sends the id and name
   * first, then the {@link Call#fragments() fragments}, which cut inside a JSON string; Ollama
   * sends each call whole in a line before the {@code done} line.
   *
   * @param calls the calls, in the order the provider lists them; at least one
   * @param streamed whether to render a stream rather than a whole answer
   * @since 0.2
   */
  record ToolCalls(List<Call> calls, boolean streamed) implements Scenario {
    /**
     * Checks and copies the components.
     *
     * @param calls the calls
     * @param streamed whether to render a stream
     */
    public ToolCalls {
      calls = List.copyOf(calls);
      if (calls.isEmpty()) {
        throw new IllegalArgumentException("calls must not be empty");
      }
    }

    /**
     * One call the model asks for.
     *
     * @param id the provider's call id, such as {@code call_1}
     * @param name the tool's name
     * @param argumentsJson the arguments as the model wrote them: usually a JSON object, sometimes
     *     text that is not JSON at all, which a provider whose wire carries arguments as a JSON
     *     object (Ollama) cannot render
     */
    public record Call(String id, String name, String argumentsJson) {
      /**
       * Checks the components.
       *
       * @param id the call id
       * @param name the tool's name
       * @param argumentsJson the arguments' text
       */
      public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
      }

      /**
       * Whether the arguments are valid JSON, so that a provider that sends them as an object can.
       *
       * @return whether {@link #argumentsJson()} parses
       */
      public boolean argumentsValid() {
        try {
          JsonValue.parse(argumentsJson);
          return true;
        } catch (IllegalArgumentException notJson) {
          return false;
        }
      }

      /**
       * The arguments cut in pieces as a streaming provider sends them: the first cut falls inside
       * the first JSON string (two characters after its opening quote), the second halfway through
       * the rest, never between the two halves of a surrogate pair. Arguments too short to cut are
       * one piece.
       *
       * @return the pieces, which join to {@link #argumentsJson()}; never empty
       */
      public List<String> fragments() {
        String text = argumentsJson;
        int first = text.indexOf('"') + 2;
        if (first < 2 || first + 2 > text.length()) {
          return List.of(text);
        }
        if (Character.isLowSurrogate(text.charAt(first))) {
          first++;
        }
        int second = first + (text.length() - first) / 2;
        if (second < text.length() && Character.isLowSurrogate(text.charAt(second))) {
          second++;
        }
        if (second <= first || second >= text.length()) {
          return List.of(text.substring(0, first), text.substring(first));
        }
        return List.of(
            text.substring(0, first), text.substring(first, second), text.substring(second));
      }
    }
  }

  /** The provider-side failures an {@link HttpError} stands for. */
  enum Problem {
    /** The key is missing or wrong: HTTP 401. */
    AUTHENTICATION(401),
    /** The key may not do this: HTTP 403. */
    PERMISSION_DENIED(403),
    /** No such model: usually HTTP 404. */
    MODEL_NOT_FOUND(404),
    /** The request is invalid: HTTP 400. */
    INVALID_REQUEST(400),
    /** The prompt does not fit the context window: usually HTTP 400 with the provider's code. */
    CONTEXT_LENGTH_EXCEEDED(400),
    /** The account is out of quota or credit: usually HTTP 429 with the provider's code. */
    QUOTA_EXCEEDED(429),
    /** The provider failed: HTTP 500. */
    SERVER_ERROR(500),
    /** The provider is overloaded or loading: HTTP 503. */
    UNAVAILABLE(503);

    private final int typicalStatus;

    Problem(int typicalStatus) {
      this.typicalStatus = typicalStatus;
    }

    /**
     * The HTTP status providers usually send for it; a fixture may send its provider's own.
     *
     * @return the status
     */
    public int typicalStatus() {
      return typicalStatus;
    }
  }

  /**
   * An error response, in the provider's own error format.
   *
   * @param problem what went wrong
   * @param message the provider's message; the kit sometimes puts the API key in it, as servers
   *     that echo the key do
   */
  record HttpError(Problem problem, String message) implements Scenario {
    /**
     * Checks the components.
     *
     * @param problem what went wrong
     * @param message the provider's message
     */
    public HttpError {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * HTTP 429 for too many requests (not quota), with a {@code Retry-After} header in whole seconds.
   *
   * @param retryAfter the wait the header announces
   */
  record RateLimited(Duration retryAfter) implements Scenario {
    /**
     * Checks the wait.
     *
     * @param retryAfter the wait
     */
    public RateLimited {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /**
   * A stream that sends the deltas, then the provider's in-stream error object (a failure of the
   * server while generating), then ends.
   *
   * @param deltas the text before the error, in order
   * @param message the provider's error message
   */
  record MidStreamError(List<String> deltas, String message) implements Scenario {
    /**
     * Checks and copies the components.
     *
     * @param deltas the text before the error
     * @param message the error message
     */
    public MidStreamError {
      deltas = List.copyOf(deltas);
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A stream that sends the deltas and then ends where the next frame would start: no finish
   * reason, no usage, no end marker. The kit also serves it over a raw socket that then holds the
   * connection open, to see whether {@code close()} closes it.
   *
   * @param deltas the text before the cut, in order; at least one
   */
  record Truncated(List<String> deltas) implements Scenario {
    /**
     * Checks and copies the deltas.
     *
     * @param deltas the text before the cut
     */
    public Truncated {
      deltas = List.copyOf(deltas);
      if (deltas.isEmpty()) {
        throw new IllegalArgumentException("deltas must not be empty");
      }
    }
  }

  /**
   * Played by the kit: the rendering of {@code answer}, held back so that the call outlives its
   * deadline. With {@link Where#BEFORE_HEADERS} nothing arrives until the stall is over; with
   * {@link Where#MID_BODY} the first half of the body arrives and the rest waits. {@link
   * WireFixture#render} never sees this scenario.
   *
   * @param answer what the provider eventually sends
   * @param where where the provider stalls
   * @param stall how long it stalls
   */
  record Stall(Scenario answer, Where where, Duration stall) implements Scenario {
    /** Where a {@link Stall} happens. */
    public enum Where {
      /** Before the response headers. */
      BEFORE_HEADERS,
      /** After the first half of the body. */
      MID_BODY
    }

    /**
     * Checks the components.
     *
     * @param answer the eventual answer
     * @param where where the provider stalls
     * @param stall how long
     */
    public Stall {
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(stall, "stall");
    }
  }

  /**
   * Played by the kit: HTTP 200 with a body that is not JSON at all. {@link WireFixture#render}
   * never sees this scenario.
   *
   * @param body the body
   */
  record MalformedBody(String body) implements Scenario {
    /**
     * Checks the body.
     *
     * @param body the body
     */
    public MalformedBody {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * Played by the kit: an HTML error page from a proxy in front of the provider. {@link
   * WireFixture#render} never sees this scenario.
   *
   * @param status the HTTP status, such as 502
   */
  record HtmlErrorPage(int status) implements Scenario {}
}
