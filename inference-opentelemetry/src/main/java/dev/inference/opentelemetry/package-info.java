/**
 * Spans and metrics for the calls of an {@link dev.inference.InferenceClient}, after the
 * OpenTelemetry semantic conventions for generative AI: {@link
 * dev.inference.opentelemetry.InferenceTelemetry} builds the {@link
 * dev.inference.InferenceListener} to give the client.
 *
 * <p>Unless otherwise stated, {@code null} arguments make every method in this package throw {@link
 * java.lang.NullPointerException}, and no method returns {@code null}.
 *
 * @since 0.2
 */
@NullMarked
package dev.inference.opentelemetry;

import org.jspecify.annotations.NullMarked;
