/**
 * {@link dev.inference.stub.StubServer}: a provider server on loopback that answers from a script
 * of {@link dev.inference.stub.Reply replies}.
 *
 * @since 0.1
 */
@NullMarked
package dev.inference.stub;

import org.jspecify.annotations.NullMarked;
