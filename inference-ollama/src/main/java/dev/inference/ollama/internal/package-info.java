/** The Ollama native chat wire dialect and runtime operations; not exported. */
@NullMarked
package dev.inference.ollama.internal;

import org.jspecify.annotations.NullMarked;
