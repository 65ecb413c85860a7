/** Implementation of the HTTP transport; not exported. */
@NullMarked
package dev.inference.http.internal;

import org.jspecify.annotations.NullMarked;
