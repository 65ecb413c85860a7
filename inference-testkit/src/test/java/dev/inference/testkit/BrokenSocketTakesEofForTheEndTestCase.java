package dev.inference.testkit;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderSettings;
import dev.inference.StreamEvent;
import dev.inference.spi.InferenceStreams;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * A socket driver that loses the terminal frame: a connection that ends without one is taken for
 * the end of the answer, so a cut stream comes back as a whole one with the text it had.
 */
class BrokenSocketTakesEofForTheEndTestCase extends BrokenDrivers.BrokenSocketKit {
  @Override
  InferenceClient wrap(InferenceClient real, ProviderSettings settings) {
    return new BrokenDrivers.Forwarding(real) {
      @Override
      public InferenceResponse infer(InferenceRequest request) {
        try {
          return real.infer(request);
        } catch (InferenceException cut) {
          if (cut.kind() != ErrorKind.STREAM_TRUNCATED) {
            throw cut;
          }
          return answer(request, cut);
        }
      }

      @Override
      public InferenceStream stream(InferenceRequest request) {
        InferenceStream stream = real.stream(request);
        Iterator<StreamEvent> events = stream.iterator();
        Deque<StreamEvent> ended = new ArrayDeque<>();
        return InferenceStreams.of(
            new Iterator<StreamEvent>() {
              @Override
              public boolean hasNext() {
                if (!ended.isEmpty()) {
                  return true;
                }
                try {
                  return events.hasNext();
                } catch (InferenceException cut) {
                  if (cut.kind() != ErrorKind.STREAM_TRUNCATED) {
                    throw cut;
                  }
                  ended.add(new StreamEvent.Completed(answer(request, cut)));
                  return true;
                }
              }

              @Override
              public StreamEvent next() {
                return hasNext() && !ended.isEmpty() ? ended.remove() : events.next();
              }
            },
            stream::close);
      }

      private InferenceResponse answer(InferenceRequest request, InferenceException cut) {
        return InferenceResponse.builder()
            .text(cut.partialText().orElse(""))
            .providerName(real.describe().providerName())
            .modelName(settings.model())
            .requestId(request.requestId())
            .build();
      }
    };
  }
}
