/**
 * The caller API: {@link dev.inference.Inference} finds a driver and connects an {@link
 * dev.inference.InferenceClient}, which turns an {@link dev.inference.InferenceRequest} into an
 * {@link dev.inference.InferenceResponse}, blocking, asynchronously or as an {@link
 * dev.inference.InferenceStream}.
 *
 * <p>Unless otherwise stated, {@code null} arguments make every method in this package throw {@link
 * java.lang.NullPointerException}, and no method returns {@code null}: absent values are {@link
 * java.util.Optional}.
 *
 * @since 0.1
 */
@NullMarked
package dev.inference;

import org.jspecify.annotations.NullMarked;
