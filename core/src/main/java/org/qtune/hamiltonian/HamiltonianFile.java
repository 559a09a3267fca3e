package org.qtune.hamiltonian;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.PauliSum;
import org.qtune.text.TextFiles;

/**
 * Hamiltonian files: text, one weighted Pauli term per line in the observable syntax
 * ({@code -1.0*Z0 Z1}, {@code 0.8*X3}, {@code -0.098}), blank lines and {@code #} comments ignored
 * (also after a term). Terms on several lines add up. Errors name the line; coefficients whose
 * absolute values add up to more than {@link #MAX_SCALE} are refused.
 */
public final class HamiltonianFile {
    /**
     * The largest sum of |coefficient| read: |energy| is at most that sum and a gradient's components
     * about as large, so their squares (in gradient norms) stay finite below 1e154; beyond, values
     * overflow to infinity and NaN, and an optimizer's line search halves its step forever.
     */
    public static final double MAX_SCALE = 1e150;

    private HamiltonianFile() {
    }

    public static PauliSum read(Path file) throws IOException {
        return parse(TextFiles.read(file), file.toString());
    }

    public static PauliSum parse(String text, String source) {
        List<PauliSum.Term> terms = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                terms.addAll(PauliSum.parse(line).terms());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ", line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException(source + ": no terms");
        }
        double scale = 0;
        for (PauliSum.Term t : terms) {
            scale += Math.abs(t.coefficient());
        }
        if (!(scale <= MAX_SCALE)) {
            throw new IllegalArgumentException(source + ": the coefficients' absolute values add up to " + scale
                    + ", more than " + MAX_SCALE + ": energies (at most that sum) and squared gradient norms would "
                    + "overflow, and an optimizer could not stop");
        }
        return PauliSum.of(terms);
    }

    /** Writes one term per line after a comment header, atomically (temporary file, then rename). */
    public static void write(Path file, PauliSum h, String header) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String line : header.split("\n")) {
            s.append("# ").append(line).append('\n');
        }
        for (PauliSum.Term t : h.terms()) {
            s.append(Double.toString(t.coefficient()));
            if (t.pauli().support() != 0) {
                s.append('*').append(t.pauli());
            }
            s.append('\n');
        }
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        org.qtune.io.AtomicFiles.writeString(file, s.toString());
    }
}
