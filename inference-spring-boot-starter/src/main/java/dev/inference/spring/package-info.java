/**
 * Spring Boot auto-configuration for Inference for Java: an {@link dev.inference.InferenceClient}
 * bean per profile of {@code inference.profiles.*} in {@code application.yml}, or of the Bitloops
 * TOML named by {@code inference.config-file}, checked by {@code inference-config}'s rules; {@link
 * dev.inference.spring.InferenceClients} to pick one by name; a health indicator from the runtime's
 * {@code verify} and Micrometer metrics when those are present.
 *
 * <p>Unless otherwise stated, {@code null} arguments make every method in this package throw {@link
 * java.lang.NullPointerException}, and no method returns {@code null}.
 *
 * @since 0.2
 */
@NullMarked
package dev.inference.spring;

import org.jspecify.annotations.NullMarked;
