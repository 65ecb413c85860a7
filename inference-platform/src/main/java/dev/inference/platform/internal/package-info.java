/** The platform driver's client; not exported. */
@NullMarked
package dev.inference.platform.internal;

import org.jspecify.annotations.NullMarked;
