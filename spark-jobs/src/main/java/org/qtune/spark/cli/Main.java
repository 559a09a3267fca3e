package org.qtune.spark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code qtune} command line: one thin subcommand per job. Exit codes: 0 success, 2 bad input
 * (a one-line error on stderr), 1 any other failure.
 */
@Command(name = "qtune", mixinStandardHelpOptions = true, version = "qtune 0.1.0",
        description = "Distributed hybrid quantum-classical optimizer.",
        subcommands = {SimulateCommand.class, VqeCommand.class, QaoaCommand.class, HamiltonianCommand.class, BenchCommand.class,
                SweepCommand.class, EmbedCommand.class, GenerateCommand.class, ModelInfoCommand.class, FinetuneCommand.class,
                DataCommand.class, PretrainCommand.class, SelectCommand.class, RunCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (see qtune --help)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)} with the given output and error streams. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("qtune: error: " + ex.getMessage());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException) {
                String message = ex instanceof java.nio.file.NoSuchFileException missing && missing.getReason() == null
                        ? "no such file: " + ex.getMessage() : String.valueOf(ex.getMessage());
                commandLine.getErr().println("qtune " + commandLine.getCommandName() + ": error: "
                        + message.replace('\n', ' '));
                return 2;
            }
            commandLine.getErr().println("qtune " + commandLine.getCommandName() + ": internal error: " + ex);
            return 1;
        });
        return cl.execute(args);
    }
}
