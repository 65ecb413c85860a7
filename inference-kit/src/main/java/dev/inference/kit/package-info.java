/**
 * The transport-neutral driver kit: what every driver needs whatever its transport. The call
 * pipeline ({@link dev.inference.kit.CallPipeline}): blocking, asynchronous and streamed calls over
 * one retry loop, with deadlines, cancellation, stream assembly and listener events, around a
 * driver's {@link dev.inference.kit.CallTransport} (HTTP in {@code dev.inference.http}, a socket in
 * the {@code inferd} driver, anything else in a third party's). SSE and NDJSON framing ({@link
 * dev.inference.kit.SseDecoder}, {@link dev.inference.kit.NdjsonDecoder}), JSON reading and writing
 * through the kit's own small streaming interfaces ({@link dev.inference.kit.JsonReader}, {@link
 * dev.inference.kit.JsonWriter}, {@link dev.inference.kit.Json}), response assembly into a {@link
 * dev.inference.kit.ResponseSink}, retries, circuit breaker, bulkhead and rate limiter ({@link
 * dev.inference.kit.Resilience}), deadlines and cancellation ({@link
 * dev.inference.kit.CallerAbort}), the default error mapping ({@link
 * dev.inference.kit.ErrorMapper}), redaction of secrets and URL user-info ({@link
 * dev.inference.kit.Redactor}) and the one loopback rule ({@link dev.inference.kit.Loopback}).
 *
 * <p><b>Experimental:</b> this package is public so that third parties can write drivers that
 * behave as ours do, but it may change in a minor version. No type of the JSON library or of
 * Resilience4j appears in its signatures. Callers of the library never need it.
 *
 * @since 0.2
 */
@NullMarked
package dev.inference.kit;

import org.jspecify.annotations.NullMarked;
