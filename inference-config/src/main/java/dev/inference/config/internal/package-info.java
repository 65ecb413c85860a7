/** Reading and checking the TOML config; not part of the API. */
@NullMarked
package dev.inference.config.internal;

import org.jspecify.annotations.NullMarked;
