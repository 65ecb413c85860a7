/**
 * The Apache HttpClient 5 engine of the HTTP drivers: {@link
 * dev.inference.http.apache.ApacheHttpEngineFactory}, found by {@link java.util.ServiceLoader} and
 * chosen with {@code http_client = "apache"}.
 */
@NullMarked
package dev.inference.http.apache;

import org.jspecify.annotations.NullMarked;
