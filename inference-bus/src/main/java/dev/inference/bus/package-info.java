/**
 * The BusDK inference contract ({@code bus-integration-inference}): {@link
 * dev.inference.bus.BusHandler} takes a request envelope or payload of one of the four request
 * events and answers with its response, {@link dev.inference.bus.NodeResolver} says which runtime
 * serves a node, and {@link dev.inference.bus.BusErrorClass} is the one vocabulary of {@code
 * error_class}.
 *
 * <p>Unless otherwise stated, {@code null} arguments make every method in this package throw {@link
 * java.lang.NullPointerException}, and no method returns {@code null}.
 *
 * @since 0.2
 */
@NullMarked
package dev.inference.bus;

import org.jspecify.annotations.NullMarked;
