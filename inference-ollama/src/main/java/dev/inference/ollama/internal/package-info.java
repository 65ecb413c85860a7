/** The Ollama native chat wire dialect; not exported. */
@NullMarked
package dev.inference.ollama.internal;

import org.jspecify.annotations.NullMarked;
