package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.qtune.spark.jobs.HamiltonianJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune hamiltonian h2|lih}: options to a {@link HamiltonianJob.Config}; prints the report. */
@Command(name = "hamiltonian", mixinStandardHelpOptions = true,
        description = "Generate a molecular qubit Hamiltonian file (STO-3G, Jordan-Wigner): h2 (4 qubits) or "
                + "lih (12 qubits, or 2 per --active-orbitals entry).")
final class HamiltonianCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", description = "molecule: h2 or lih")
    String molecule;

    @Option(names = "--bond", required = true, description = "bond length in angstrom")
    double bond;

    @Option(names = "--active-orbitals", split = ",", paramLabel = "K",
            description = "lih only: the Hartree-Fock orbitals to keep (0-based, energy order, ascending; "
                    + "1,2,5 is the sigma valence space at 1.595 angstrom); other occupied orbitals are "
                    + "frozen, other empty ones dropped (default: all 6)")
    int[] activeOrbitals;

    @Option(names = "--out", required = true, description = "file to write (atomically; its provenance beside it)")
    Path out;

    @Option(names = "--dry-run", description = "check everything, print the resolved config, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        HamiltonianJob.Config config = new HamiltonianJob.Config(molecule, bond,
                activeOrbitals == null ? null : IntStream.of(activeOrbitals).boxed().toList(), out.toString());
        return JobCommand.execute(spec, new HamiltonianJob(), config, dryRun);
    }
}
