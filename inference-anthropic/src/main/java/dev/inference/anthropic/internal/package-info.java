/** The Anthropic Messages wire dialect; not exported. */
@NullMarked
package dev.inference.anthropic.internal;

import org.jspecify.annotations.NullMarked;
