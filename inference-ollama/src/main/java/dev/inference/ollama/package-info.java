/**
 * The {@code ollama_chat} driver; applications use it through {@link
 * dev.inference.Inference#connect} with that driver id, not directly.
 *
 * @since 0.1
 */
@NullMarked
package dev.inference.ollama;

import org.jspecify.annotations.NullMarked;
