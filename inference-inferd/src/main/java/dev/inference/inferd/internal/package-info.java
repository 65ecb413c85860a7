/** The inferd driver's internals: endpoint, socket, frames, transport, operations. */
@NullMarked
package dev.inference.inferd.internal;

import org.jspecify.annotations.NullMarked;
