/** Implementation of the HTTP kit; exported only to this repository's driver modules. */
@NullMarked
package dev.inference.http.internal;

import org.jspecify.annotations.NullMarked;
