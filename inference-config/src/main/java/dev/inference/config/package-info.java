/**
 * Loads the daemon config: {@link dev.inference.config.InferenceConfig#load(java.nio.file.Path)}
 * checks the whole file, throws one {@link dev.inference.config.ConfigException} listing every
 * {@link dev.inference.config.ConfigProblem}, and opens clients by profile name.
 *
 * <p>Unless otherwise stated, {@code null} arguments make every method in this package throw {@link
 * java.lang.NullPointerException}, and no method returns {@code null}: absent values are {@link
 * java.util.Optional}.
 *
 * @since 0.1
 */
@NullMarked
package dev.inference.config;

import org.jspecify.annotations.NullMarked;
