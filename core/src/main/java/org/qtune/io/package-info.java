/** Local file output that never leaves a half-written result: {@link org.qtune.io.AtomicFiles}. */
package org.qtune.io;
