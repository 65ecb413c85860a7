/**
 * The {@code openai_chat_completions} driver; applications use it through {@link
 * dev.inference.Inference#connect} with that driver id, not directly.
 *
 * @since 0.1
 */
@NullMarked
package dev.inference.openai;

import org.jspecify.annotations.NullMarked;
