/**
 * Reading text files the same way for every input format ({@link org.qtune.text.TextFiles}): strict
 * UTF-8 whose errors name the file and line, a leading byte-order mark skipped, a size limit instead
 * of running out of memory. Depends on nothing else in qtune, so the readers of every layer
 * (OpenQASM, Hamiltonians, graphs, parameter tables) can use it.
 */
package org.qtune.text;
