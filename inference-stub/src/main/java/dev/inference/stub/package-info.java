/**
 * {@link dev.inference.stub.StubServer}: a provider server on loopback that answers from a script
 * of {@link dev.inference.stub.Reply replies}, over HTTP (OpenAI, Ollama, Anthropic) or over
 * inferd's sockets ({@link dev.inference.stub.InferdSockets}).
 *
 * @since 0.1
 */
@NullMarked
package dev.inference.stub;

import org.jspecify.annotations.NullMarked;
