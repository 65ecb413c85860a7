package dev.inference.benchmarks;

import dev.inference.stub.Dialect;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;

/** The request and the canned replies every contender gets, so that all do the same work. */
public final class Fixtures {

  /** The model every request names. */
  public static final String MODEL = "stub-model";

  /** The user prompt of every request. */
  public static final String PROMPT = "Summarise this diff in one sentence: renamed Foo to Bar.";

  /** The temperature of every request. */
  public static final double TEMPERATURE = 0.1;

  /** The output token limit of every request. */
  public static final int MAX_TOKENS = 200;

  /** The request timeout of the benchmark profile, in seconds. */
  public static final int REQUEST_TIMEOUT_SECS = 60;

  /** The API key of the OpenAI- and Anthropic-dialect profiles (the stub ignores it). */
  public static final String API_KEY = "sk-bench";

  /** The canned non-streamed answer (about 200 bytes). */
  public static final String CHAT_ANSWER =
      "The change renames the class Foo to Bar across the code base, updates every caller and"
          + " test to the new name, and keeps the public behaviour exactly as it was before the"
          + " rename.";

  /** One delta of a streamed answer. */
  public static final String DELTA = "token ";

  /** How many deltas a streamed answer has. */
  public static final int STREAM_DELTAS = 1000;

  static {
    // The JDK HttpServer under the stub writes headers and body separately; without TCP_NODELAY,
    // Nagle's algorithm and the client's delayed ACK add about 40 ms to every exchange, and every
    // contender would measure that instead of itself. Read once, when the server class loads.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // 256 concurrent clients keep up to 256 idle connections; the default (200) closes pooled
    // connections under a client that has no retries (the raw baseline) and fails its next call.
    System.setProperty("sun.net.httpserver.maxIdleConnections", "1024");
  }

  private Fixtures() {}

  /**
   * A JSON object of about {@code bytes} bytes, as a model would answer in JSON mode.
   *
   * @param bytes the approximate size
   * @return the JSON text
   */
  public static String jsonAnswer(int bytes) {
    StringBuilder json = new StringBuilder(bytes + 128);
    json.append("{\"summary\":\"renamed Foo to Bar\",\"files\":[");
    int i = 0;
    while (json.length() < bytes) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"path\":\"src/main/java/dev/example/module")
          .append(i)
          .append("/Foo.java\",\"added\":")
          .append(i % 97)
          .append(",\"removed\":")
          .append(i % 13)
          .append(",\"binary\":false,\"score\":0.")
          .append(i % 1000)
          .append('}');
      i++;
    }
    return json.append("],\"ok\":true}").toString();
  }

  /**
   * A delta of {@code bytes} ASCII bytes.
   *
   * @param bytes the length
   * @return the delta
   */
  public static String delta(int bytes) {
    return "x".repeat(bytes - 1) + " ";
  }

  /**
   * Starts a stub server answering every chat request with the same reply.
   *
   * @param dialect the dialect
   * @param reply the reply
   * @return the server
   */
  public static StubServer stub(Dialect dialect, Reply reply) {
    StubServer server = StubServer.builder(dialect).threads(300).record(false).start();
    server.replyAlways(reply);
    return server;
  }

  /**
   * Whether a driver's profile has an API key: not Ollama's, and not inferd's (its Unix socket has
   * no auth frame).
   *
   * @param driver the driver name
   * @return whether the profile names {@link #API_KEY}
   */
  public static boolean keyed(String driver) {
    return !driver.startsWith("ollama") && !driver.equals("inferd");
  }

  /**
   * The TOML config a user of this library would write for the stub, opting in to the library's
   * resilience (2 retries, a circuit breaker), so the measured call path is the one a client built
   * in code has; a TOML profile without those keys has neither.
   *
   * @param driver {@code openai_chat_completions}, {@code ollama_chat}, {@code anthropic_messages}
   *     or {@code inferd}
   * @param endpoint the chat endpoint
   * @return the config text; its profile is {@code bench}
   */
  public static String toml(String driver, String endpoint) {
    return "[inference.runtimes.local]\n"
        + "request_timeout_secs = "
        + REQUEST_TIMEOUT_SECS
        + "\n"
        + "max_retries = 2\n"
        + "circuit_breaker_failure_rate = 50\n"
        + "\n"
        + "[inference.profiles.bench]\n"
        + "task = \"text_generation\"\n"
        + "driver = \""
        + driver
        + "\"\n"
        + "runtime = \"local\"\n"
        + "model = \""
        + MODEL
        + "\"\n"
        + "base_url = \""
        + endpoint
        + "\"\n"
        + (keyed(driver) ? "api_key = \"" + API_KEY + "\"\n" : "")
        + "temperature = "
        + TEMPERATURE
        + "\n"
        + "max_output_tokens = "
        + MAX_TOKENS
        + "\n";
  }
}
