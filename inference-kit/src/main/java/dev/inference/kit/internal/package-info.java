/** Implementation of the driver kit; not exported. */
@NullMarked
package dev.inference.kit.internal;

import org.jspecify.annotations.NullMarked;
