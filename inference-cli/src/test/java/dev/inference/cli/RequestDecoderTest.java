package dev.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where the oracle that recorded the golden transcripts (built on Debian's serde_json 1.0.87) and
 * the released bitloops-inference 0.1.3 (serde_json 1.0.149 and zmij 1.0.21, from its {@code
 * Cargo.lock}) differ, the release wins; these lines pin the release's text, read from those
 * crates' sources ({@code error.rs} JsonUnexpected, {@code read.rs} decode_hex_escape).
 */
class RequestDecoderTest {

  static final String PREFIX =
      "{\"request_id\":\"a\",\"type\":\"infer\",\"system_prompt\":\"s\",\"user_prompt\":\"u\","
          + "\"response_mode\":\"text\",\"max_output_tokens\":";

  static String decodeFailure(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    try {
      RequestDecoder.decode(bytes, bytes.length);
    } catch (Protocol.DecodeException failure) {
      return failure.getMessage();
    }
    throw new AssertionError("decoded: " + line);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2.0|2.0",
        "1e3|1000.0",
        "-0|-0.0",
        "1.5|1.5",
        "0.000001|1e-6",
        "0.0001|0.0001",
        "99999999999999999999|1e+20",
        "18446744073709551616|1.8446744073709552e+19",
        "123456789012345678901234567890.5e-3|1.2345678901234568e+26",
        "1e-400|0.0",
        "-1.5E+2|-150.0",
        "1e15|1000000000000000.0",
        "1e16|1e+16"
      })
  void aFloatWhereAU32IsExpectedReadsAsTheReleasePrintsIt(String number, String shown) {
    String line = PREFIX + number + "}";
    assertThat(decodeFailure(line))
        .isEqualTo(
            "failed to deserialise JSON: invalid type: floating point `"
                + shown
                + "`, expected u32 at line 1 column "
                + line.length());
  }

  @Test
  void aBadHexEscapeIsReportedAfterItsFourCharacters() {
    assertThat(decodeFailure("{\"request_id\":\"a\",\"type\":\"describe\",\"x\":\"\\u12G4\"}"))
        .endsWith("invalid escape at line 1 column 47");
    assertThat(decodeFailure("{\"request_id\":\"a\",\"type\":\"describe\",\"x\":\"\\u12\"}"))
        .endsWith("invalid escape at line 1 column 47");
  }

  @Test
  void aValidLineDecodesWithTheValuesAsWritten() throws Exception {
    byte[] line =
        (PREFIX + "7,\"temperature\":0.1,\"metadata\":{\"k\":[1,2.5]},\"stream\":true}")
            .getBytes(StandardCharsets.UTF_8);
    Protocol.Infer infer = (Protocol.Infer) RequestDecoder.decode(line, line.length);
    assertThat(infer.requestId()).isEqualTo("a");
    assertThat(infer.stream()).isTrue();
    assertThat(infer.request().temperature()).hasValue(0.1);
    assertThat(infer.request().maxOutputTokens()).hasValue(7);
    assertThat(infer.request().metadata()).containsKey("k");
  }

  @Test
  void valuesTheLibraryRefusesFailInItsOwnWords() {
    assertThatThrownBy(
            () -> {
              byte[] line = (PREFIX + "0}").getBytes(StandardCharsets.UTF_8);
              RequestDecoder.decode(line, line.length);
            })
        .isInstanceOf(Protocol.DecodeException.class)
        .hasMessageContaining("maxOutputTokens");
  }
}
