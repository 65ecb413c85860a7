/**
 * An optional HTTP engine for the HTTP drivers (experimental): Apache HttpClient 5 classic, which
 * reads and writes the socket on the caller's thread. A profile chooses it with {@code http_client
 * = "apache"}.
 */
@org.jspecify.annotations.NullMarked
module dev.inference.http.apache {
  requires transitive dev.inference.http;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires static org.jspecify;

  exports dev.inference.http.apache;

  provides dev.inference.http.HttpEngineFactory with
      dev.inference.http.apache.ApacheHttpEngineFactory;
}
