/**
 * The public HTTP driver kit: the transport over {@code java.net.http} ({@link
 * dev.inference.http.HttpTransport}) and the dialect SPI ({@link dev.inference.http.HttpDialect},
 * {@link dev.inference.http.StreamDecoder}, {@link dev.inference.http.Framing}). A third-party HTTP
 * driver is a dialect plus a {@link dev.inference.spi.ProviderFactory}; it reads and writes JSON
 * through {@link dev.inference.kit.JsonReader} and {@link dev.inference.kit.JsonWriter}.
 *
 * <p>Under the transport is an {@link dev.inference.http.HttpEngine}: the JDK's {@code HttpClient}
 * ({@code jdk}, the default), or one an optional module provides through {@link
 * dev.inference.http.HttpEngineFactory}, chosen by the profile key {@code http_client} ({@link
 * dev.inference.http.HttpTransport#HTTP_CLIENT}); {@code inference-http-apache} adds {@code
 * apache}, Apache HttpClient 5 on the caller's thread.
 *
 * <p><b>Experimental:</b> this package may change in a minor version. No type of the JSON library
 * or of Resilience4j appears in its signatures. Callers of the library never need it.
 *
 * @since 0.2
 */
@NullMarked
package dev.inference.http;

import org.jspecify.annotations.NullMarked;
