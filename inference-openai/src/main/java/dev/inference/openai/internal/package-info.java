/** The OpenAI chat completions wire dialect; not exported. */
@NullMarked
package dev.inference.openai.internal;

import org.jspecify.annotations.NullMarked;
