/**
 * Runtime operations: what a caller can ask of the runtime behind a client besides generating text
 * ({@link dev.inference.runtime.RuntimeOperations}: status, verify, ensure a model, await
 * readiness, watch the lifecycle), reached through {@link
 * dev.inference.InferenceClient#operations()}. A runtime that pushes its lifecycle (the inferd
 * daemon) reports each change as a {@link dev.inference.runtime.LifecycleEvent} to a {@link
 * dev.inference.runtime.LifecycleListener}.
 *
 * <p>Unless otherwise stated, {@code null} arguments make every method in this package throw {@link
 * java.lang.NullPointerException}, and no method returns {@code null}.
 *
 * @since 0.2
 */
@NullMarked
package dev.inference.runtime;

import org.jspecify.annotations.NullMarked;
