/**
 * Files: local output that never leaves a half-written result ({@link org.qtune.io.AtomicFiles}:
 * temporary name, force, rename) and CSV tables of parameter rows read with line-numbered errors
 * ({@link org.qtune.io.ParameterTable}).
 */
package org.qtune.io;
