/**
 * The command line: {@link org.qtune.spark.cli.Main} (picocli) and one thin command per job. Commands
 * parse options, call library code in {@code core} or {@code org.qtune.spark.*}, and print results;
 * they hold no algorithms of their own.
 */
package org.qtune.spark.cli;
