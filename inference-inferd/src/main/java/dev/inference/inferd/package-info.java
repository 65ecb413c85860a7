/**
 * The {@code inferd} driver; applications use it through {@link dev.inference.Inference#connect}
 * with that driver id, not directly.
 *
 * @since 0.2
 */
@NullMarked
package dev.inference.inferd;

import org.jspecify.annotations.NullMarked;
