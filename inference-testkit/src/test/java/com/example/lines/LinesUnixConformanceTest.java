package com.example.lines;

import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.SocketConformanceKit;
import dev.inference.testkit.SocketWireFixture;

/** The {@code lines_chat} socket driver passes the socket conformance kit on a Unix socket. */
public class LinesUnixConformanceTest extends SocketConformanceKit {

  @Override
  protected ProviderFactory factory() {
    return new LinesProviderFactory();
  }

  @Override
  protected SocketWireFixture wireFixture() {
    return new LinesWireFixture(true);
  }
}
