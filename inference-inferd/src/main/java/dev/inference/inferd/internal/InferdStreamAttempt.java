package dev.inference.inferd.internal;

import dev.inference.InferenceException;
import dev.inference.InferenceResponse;
import dev.inference.kit.ResponseSink;
import dev.inference.kit.StreamAttempt;
import java.io.IOException;
import java.util.function.Function;

/**
 * One streamed call on its own connection; aborting or releasing it closes the connection, which
 * makes the daemon cancel the job.
 */
final class InferdStreamAttempt implements StreamAttempt {

  private final InferdConnection connection;
  private final ResponseReader reader;
  private final Function<ResponseSink, InferenceResponse> response;

  InferdStreamAttempt(
      InferdConnection connection,
      ResponseReader reader,
      Function<ResponseSink, InferenceResponse> response) {
    this.connection = connection;
    this.reader = reader;
    this.response = response;
  }

  @Override
  public int read(ResponseSink sink) throws IOException {
    return reader.read(sink);
  }

  @Override
  public void abort() {
    connection.close();
  }

  @Override
  public InferenceException failure(IOException failure) {
    return reader.failure(failure);
  }

  @Override
  public InferenceResponse response(ResponseSink sink) {
    InferenceResponse done = response.apply(sink);
    connection.close(); // one connection per call: nothing more will come on it
    return done;
  }
}
