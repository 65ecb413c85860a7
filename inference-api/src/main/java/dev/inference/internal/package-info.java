/** Implementation details of the API module; not exported. */
@NullMarked
package dev.inference.internal;

import org.jspecify.annotations.NullMarked;
