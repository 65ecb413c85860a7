package com.example.lines;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.kit.CallPipeline;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import java.net.URI;
import java.util.Optional;

/**
 * Driver {@code lines_chat}: a made-up chat protocol of newline-delimited JSON over loopback TCP
 * ({@code tcp://127.0.0.1:PORT}) or a Unix socket ({@code unix:/path}), written on the public
 * driver kit only ({@link CallPipeline} over {@link LinesTransport}), for the socket conformance
 * kit's self-tests. One call per connection; closing a stream closes its connection.
 *
 * <p>The client writes {@code {"type":"hello","key"}} when it has a key, then {@code
 * {"type":"chat","id","model","messages":[{"role","content"}],"temperature","max_tokens","stream"}}.
 * The server answers with frames echoing the id: {@code {"type":"delta","text"}}, then exactly one
 * terminal frame, {@code {"type":"end","content"?,"stop","usage"?:{"in","out","total"}}} or {@code
 * {"type":"fail","code","message"}}. The server always streams; a whole answer is the stream read
 * to its end.
 */
public final class LinesProviderFactory implements ProviderFactory {

  /** The driver id. */
  public static final String ID = "lines_chat";

  static final Capabilities CAPABILITIES =
      Capabilities.builder().streaming(true).usageReporting(true).build();

  /** For ServiceLoader. */
  public LinesProviderFactory() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    URI endpoint = LinesTransport.endpoint(settings);
    ProviderDescription description =
        new ProviderDescription(ID, "lines", settings.model(), endpoint.toString(), CAPABILITIES);
    return new CallPipeline(settings, context, description, LinesTransport::new)
        .client(Optional.empty());
  }
}
