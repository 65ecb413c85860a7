/**
 * The driver SPI: what a provider jar implements ({@link dev.inference.spi.ProviderFactory}) and
 * what it is given ({@link dev.inference.ProviderSettings}, {@link
 * dev.inference.spi.DriverContext}).
 *
 * <p>Unless otherwise stated, {@code null} arguments make every method in this package throw {@link
 * java.lang.NullPointerException}, and no method returns {@code null}.
 *
 * @since 0.1
 */
@NullMarked
package dev.inference.spi;

import org.jspecify.annotations.NullMarked;
