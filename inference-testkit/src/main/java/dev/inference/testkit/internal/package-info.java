/** The kit's machinery: not an API; it may change in any release. */
@NullMarked
package dev.inference.testkit.internal;

import org.jspecify.annotations.NullMarked;
