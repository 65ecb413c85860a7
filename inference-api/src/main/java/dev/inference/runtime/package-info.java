/**
 * Runtime operations: what a caller can ask of the runtime behind a client besides generating text
 * ({@link dev.inference.runtime.RuntimeOperations}: status, verify, ensure a model, await
 * readiness), reached through {@link dev.inference.InferenceClient#operations()}.
 *
 * <p>Unless otherwise stated, {@code null} arguments make every method in this package throw {@link
 * java.lang.NullPointerException}, and no method returns {@code null}.
 *
 * @since 0.2
 */
@NullMarked
package dev.inference.runtime;

import org.jspecify.annotations.NullMarked;
