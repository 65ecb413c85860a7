/**
 * The {@code bitloops_platform_chat} driver; applications use it through {@link
 * dev.inference.Inference#connect} with that driver id, not directly.
 *
 * @since 0.1
 */
@NullMarked
package dev.inference.platform;

import org.jspecify.annotations.NullMarked;
