package dev.inference.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private static final String KEY = "sk-test-MARKER-7f3a9c";

  @Test
  void headersHideCredentialHeadersByNameAndTheKeyInAnyOtherHeader() {
    Redactor redactor = Redactor.of(List.of(KEY));

    String shown =
        redactor.headers(
            Map.of(
                "Authorization", List.of("Basic dXNlcjpwYXNz"),
                "x-acme-key", List.of(KEY),
                "acme-version", List.of("2026-01-01")));

    assertThat(shown)
        .doesNotContain(KEY)
        .doesNotContain("dXNlcjpwYXNz")
        .contains("acme-version=[2026-01-01]")
        .contains("x-acme-key=[");
  }

  @Test
  void everyOccurrenceOfTheKeyIsReplaced() {
    Redactor redactor = Redactor.of(List.of(KEY));

    String redacted =
        redactor.redact("Incorrect API key provided: " + KEY + ". (" + KEY + ")" + KEY);

    assertThat(redacted)
        .isEqualTo("Incorrect API key provided: ****. (****)****")
        .doesNotContain("MARKER");
  }

  @Test
  void severalSecretsAndTheLongestFirst() {
    // "abcd" is inside "abcdefgh": replacing the short one first would leak "efgh".
    Redactor redactor = Redactor.of(List.of("abcd", "abcdefgh", "token-2"));

    assertThat(redactor.redact("x abcdefgh y abcd z token-2")).isEqualTo("x **** y **** z ****");
  }

  @Test
  void aSecretGivenTwiceIsKeptOnce() {
    Redactor redactor = Redactor.of(List.of("abcd", "wxyz", "abcd"));

    assertThat(redactor).hasToString("Redactor[2 secrets]");
    assertThat(redactor.redact("abcd wxyz abcd")).isEqualTo("**** **** ****");
  }

  @Test
  void secretsShorterThanFourCharactersAreIgnored() {
    Redactor redactor = Redactor.of(List.of("", "a", "abc"));

    assertThat(redactor.redact("a abc b")).isEqualTo("a abc b");
    assertThat(redactor).isSameAs(Redactor.NONE);
  }

  @Test
  void noneChangesNothing() {
    assertThat(Redactor.NONE.redact(KEY)).isEqualTo(KEY);
  }

  @Test
  void toStringHoldsNoSecret() {
    assertThat(Redactor.of(List.of(KEY)).toString()).doesNotContain("MARKER").contains("1");
  }

  @Test
  void nullsAreRejected() {
    assertThatThrownBy(() -> Redactor.of(Arrays.asList(KEY, null)))
        .isInstanceOf(NullPointerException.class);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "https://user:MARKERpw@host.example/v1?x=1, https://****@host.example/v1?x=1",
    "http://MARKERtoken@my_ollama:11434/api/chat, http://****@my_ollama:11434/api/chat",
    "https://host.example/a@b, https://host.example/a@b",
    "https://host.example/v1, https://host.example/v1"
  })
  void urlUserInfoIsMasked(String url, String shown) {
    assertThat(Redactor.url(java.net.URI.create(url))).isEqualTo(shown).doesNotContain("MARKER");
  }
}
