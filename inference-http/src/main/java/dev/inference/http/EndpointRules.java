package dev.inference.http;

import dev.inference.ProviderSettings;
import dev.inference.kit.Loopback;
import dev.inference.kit.Redactor;
import dev.inference.spi.SettingsProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every HTTP driver asks of its endpoint, in one place: the checks behind {@link
 * dev.inference.spi.ProviderFactory#validate} (so the config reports them at the {@code base_url}
 * line) and the rule the call guard applies before a key leaves.
 */
public final class EndpointRules {

  private EndpointRules() {}

  /**
   * The endpoint problems of a profile: none at all; and a warning when the API key would go over
   * plain {@code http://} to a host that is not loopback. An {@link HttpTransport#HTTP_CLIENT} that
   * is not installed is reported here too.
   *
   * @param settings the profile
   * @param endpoint the endpoint it talks to, if known
   * @return the problems, in the order to report them
   */
  public static List<SettingsProblem> check(ProviderSettings settings, Optional<URI> endpoint) {
    List<SettingsProblem> problems = endpointProblems(settings, endpoint);
    problems.addAll(dev.inference.http.internal.HttpEngines.problems(settings));
    return problems;
  }

  private static List<SettingsProblem> endpointProblems(
      ProviderSettings settings, Optional<URI> endpoint) {
    List<SettingsProblem> problems = new ArrayList<>();
    if (endpoint.isEmpty()) {
      problems.add(
          SettingsProblem.error("base_url", "is required (the full endpoint URL of the driver)"));
      return problems;
    }
    // ProviderSettings holds absolute http(s) URLs with a host, or socket endpoints
    URI uri = endpoint.get();
    if (!isHttp(uri)) {
      problems.add(
          SettingsProblem.error(
              "base_url",
              "must be an http:// or https:// URL for this driver, but was '"
                  + Redactor.url(uri)
                  + "'"));
      return problems;
    }
    if (keyInTheClear(settings, uri)) {
      problems.add(
          SettingsProblem.warning(
              "base_url",
              "sends the api_key over plain http:// to '"
                  + uri.getHost()
                  + "'"
                  + (settings.tls().allowInsecureHttp()
                      ? " because allow_insecure_http = true; use https:// so the key is not sent"
                          + " in the clear"
                      : ", which calls refuse; use https://, or set allow_insecure_http = true if"
                          + " that network is trusted")));
    }
    return problems;
  }

  /**
   * Whether the endpoint is an {@code http} or {@code https} URL (any case), the only kind an HTTP
   * driver can call; a socket endpoint ({@code unix:}, {@code tcp:}) is not.
   *
   * @param uri the endpoint
   * @return {@code true} for http and https
   */
  public static boolean isHttp(URI uri) {
    return "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
  }

  /**
   * Whether a call would send the API key over plain {@code http://} to a host that is not loopback
   * (by {@link Loopback}, the one rule, judged from the URL alone).
   *
   * @param settings the profile
   * @param uri the endpoint
   * @return {@code true} if so, whatever {@code allow_insecure_http} says
   */
  public static boolean keyInTheClear(ProviderSettings settings, URI uri) {
    return settings.apiKey().isPresent()
        && "http".equalsIgnoreCase(uri.getScheme())
        && !Loopback.isLoopback(uri);
  }
}
