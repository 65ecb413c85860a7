/**
 * The conformance testkit: {@link dev.inference.testkit.DriverConformanceKit} proves a driver keeps
 * the contract of {@code SPEC.md}, and {@link dev.inference.testkit.ScriptedInferenceClient} stands
 * in for a real client in application tests.
 *
 * <p>Unless otherwise stated, a {@code null} argument makes any method of this package throw a
 * {@link NullPointerException}.
 *
 * @since 0.1
 */
@NullMarked
package dev.inference.testkit;

import org.jspecify.annotations.NullMarked;
