/**
 * Files and options: local output that never leaves a half-written result and never replaces a
 * device or a pipe ({@link org.qtune.io.AtomicFiles}: temporary name, force, rename; checked up front
 * with {@code checkWritable}), CSV tables of parameter rows read with line-numbered errors
 * ({@link org.qtune.io.ParameterTable}), and the range checks of numeric option values
 * ({@link org.qtune.io.Checks}).
 */
package org.qtune.io;
