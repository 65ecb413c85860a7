/** The listener behind {@code InferenceTelemetry}; not exported, not for use. */
@NullMarked
package dev.inference.opentelemetry.internal;

import org.jspecify.annotations.NullMarked;
