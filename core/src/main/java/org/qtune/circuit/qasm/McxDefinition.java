package org.qtune.circuit.qasm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An OpenQASM definition of the X gate with k &ge; 5 controls, which qelib1.inc lacks (it stops at
 * {@code c4x}). The construction is exact, with no ancilla and no phase on any basis state, and
 * needs O(k^2) gates:
 * <ol>
 *   <li>{@code mcx = h t; C^k P(pi); h t}, since {@code h p(pi) h = x}.</li>
 *   <li>A phase under k controls, by Barenco et al. 1995 (quant-ph/9503016), Lemma 7.5 with
 *       {@code V = P(lambda/2)}: {@code C^k P(lambda) on (c_1..c_k, t) = cp(lambda/2) c_k,t;
 *       C^{k-1}X (c_1..c_{k-1} -> c_k); cp(-lambda/2) c_k,t; C^{k-1}X (c_1..c_{k-1} -> c_k);
 *       C^{k-1}P(lambda/2) on (c_1..c_{k-1}, t)}. The phases add up to lambda t c_k (c_1...c_{k-1})
 *       because a + b - (a xor b) = 2ab.</li>
 *   <li>Each {@code C^m X} there leaves t (and any controls beyond c_{m+1}) idle, and those serve
 *       as "dirty" ancillas, whose state is arbitrary and is restored: {@code cx}, {@code ccx},
 *       {@code c3x}, {@code c4x} up to 4 controls; with at least m-2 dirty ancillas the Toffoli chain
 *       of Lemma 7.2; otherwise one dirty ancilla a splits the controls into halves A and B (Corollary
 *       7.4): {@code C^|A|X (A -> a); C^{|B|+1}X (B, a -> t)}, twice, after which each half has
 *       enough dirty ancillas for the chain.</li>
 * </ol>
 * Only {@code h}, {@code cp}, {@code cx}, {@code ccx}, {@code c3x} and {@code c4x} are used, so any
 * qelib1.inc reader can expand it. The phases {@code pi/2^j} are exact in binary.
 *
 * <p>OpenQASM 3's stdgates.inc stops at {@code ccx}, so there the same construction defines
 * {@code mcx_3} and {@code mcx_4} too (the steps above need only cx and ccx for them, and mcx_3
 * inside mcx_4), and the larger ones call those two instead of c3x and c4x.
 */
final class McxDefinition {
    private final int numControls;
    /** Qubit names by position: the controls, then the target. */
    private final String[] names;
    /** The gate names of X with 1, 2, 3 and 4 controls. */
    private final String[] smallMcxNames;
    /** Between the qubits of a call: "," in OpenQASM 2.0 (as qelib1.inc), ", " in 3 (as Qiskit). */
    private final String separator;
    private final List<String> body = new ArrayList<>();

    private McxDefinition(int numControls, String[] names, String[] smallMcxNames, String separator) {
        this.numControls = numControls;
        this.names = names;
        this.smallMcxNames = smallMcxNames;
        this.separator = separator;
    }

    /** The name of the definition for {@code numControls} controls: {@code mcx_5}, ... */
    static String gateName(int numControls) {
        return "mcx_" + numControls;
    }

    /**
     * The OpenQASM 2.0 text {@code gate mcx_k c0,...,c{k-1},t { ... }}, one statement per line, with
     * a trailing newline.
     */
    static String definition(int numControls) {
        if (numControls < 5) {
            throw new IllegalArgumentException("qelib1.inc has gates for up to 4 controls; got " + numControls);
        }
        String[] names = new String[numControls + 1];
        for (int i = 0; i < numControls; i++) {
            names[i] = "c" + i;
        }
        names[numControls] = "t";
        return new McxDefinition(numControls, names, new String[] {"cx", "ccx", "c3x", "c4x"}, ",").text();
    }

    /**
     * The OpenQASM 3 text {@code gate mcx_k _gate_q_0, ..., _gate_q_k { ... }} (the target last, with
     * Qiskit's names for a definition's qubits), for k &ge; 3; for k &ge; 4 it calls {@code mcx_3},
     * and for k &ge; 5 {@code mcx_4}, which must be defined before it.
     */
    static String definitionInOpenQasm3(int numControls) {
        if (numControls < 3) {
            throw new IllegalArgumentException("stdgates.inc has gates for up to 2 controls; got " + numControls);
        }
        String[] names = new String[numControls + 1];
        for (int i = 0; i <= numControls; i++) {
            names[i] = "_gate_q_" + i;
        }
        return new McxDefinition(numControls, names, new String[] {"cx", "ccx", gateName(3), gateName(4)}, ", ")
                .text();
    }

    private String text() {
        int target = numControls;
        int[] controls = IntStream.range(0, numControls).toArray();
        emit("h", target);
        controlledPhase(controls, target, 0);
        emit("h", target);
        StringBuilder s = new StringBuilder("gate ").append(gateName(numControls)).append(' ')
                .append(String.join(separator, names)).append(" {\n");
        body.forEach(line -> s.append("  ").append(line).append('\n'));
        return s.append("}\n").toString();
    }

    /** The phase {@code pi/2^halvings} on the state where all of {@code controls} and {@code target} are 1. */
    private void controlledPhase(int[] controls, int target, int halvings) {
        int last = controls[controls.length - 1];
        if (controls.length == 1) {
            emitPhase(halvings, false, last, target);
            return;
        }
        int[] rest = Arrays.copyOf(controls, controls.length - 1);
        int[] idle = idleQubits(rest, last);
        emitPhase(halvings + 1, false, last, target);
        multiControlledX(rest, last, idle);
        emitPhase(halvings + 1, true, last, target);
        multiControlledX(rest, last, idle);
        controlledPhase(rest, target, halvings + 1);
    }

    /** X on {@code target} when all {@code controls} are 1; {@code dirty} are idle qubits it may borrow. */
    private void multiControlledX(int[] controls, int target, int[] dirty) {
        int m = controls.length;
        if (m <= 4) {
            emit(smallMcxNames[m - 1], concat(controls, target));
        } else if (dirty.length >= m - 2) {
            toffoliChain(controls, target, dirty);
        } else {
            int half = (m + 1) / 2;
            int[] a = Arrays.copyOf(controls, half);
            int[] b = Arrays.copyOfRange(controls, half, m);
            int ancilla = dirty[0];
            int[] bWithAncilla = concat(b, ancilla);
            int[] dirtyForA = concat(concat(b, target), Arrays.copyOfRange(dirty, 1, dirty.length));
            int[] dirtyForB = concat(a, Arrays.copyOfRange(dirty, 1, dirty.length));
            for (int repeat = 0; repeat < 2; repeat++) {
                multiControlledX(a, ancilla, dirtyForA);
                multiControlledX(bWithAncilla, target, dirtyForB);
            }
        }
    }

    /**
     * Barenco et al. Lemma 7.2: X on {@code target} under m controls x_1..x_m with m-2 dirty ancillas
     * a_1..a_{m-2}, in 4(m-2) Toffolis. The first half adds x_m (a_{m-2} xor x_1...x_{m-1}) and
     * x_m a_{m-2} to the target, the second half restores the ancillas.
     */
    private void toffoliChain(int[] x, int target, int[] a) {
        int m = x.length;
        for (int repeat = 0; repeat < 2; repeat++) {
            emit("ccx", x[m - 1], a[m - 3], target);
            for (int i = m - 2; i >= 2; i--) {
                emit("ccx", x[i], a[i - 2], a[i - 1]);
            }
            emit("ccx", x[0], x[1], a[0]);
            for (int i = 2; i <= m - 2; i++) {
                emit("ccx", x[i], a[i - 2], a[i - 1]);
            }
        }
    }

    /** The qubits of the definition that are neither in {@code busy} nor {@code target}, the gate's own target first. */
    private int[] idleQubits(int[] busy, int target) {
        return IntStream.rangeClosed(0, numControls)
                .map(q -> numControls - q) // the gate's target t first: it is idle at every level
                .filter(q -> q != target && Arrays.stream(busy).noneMatch(b -> b == q))
                .toArray();
    }

    private void emitPhase(int halvings, boolean negative, int control, int target) {
        String angle = (negative ? "-" : "") + "pi" + (halvings == 0 ? "" : "/" + (1L << halvings));
        body.add("cp(" + angle + ") " + names[control] + separator + names[target] + ";");
    }

    private void emit(String gate, int... qubits) {
        StringBuilder s = new StringBuilder(gate).append(' ');
        for (int j = 0; j < qubits.length; j++) {
            s.append(j > 0 ? separator : "").append(names[qubits[j]]);
        }
        body.add(s.append(';').toString());
    }

    private static int[] concat(int[] a, int... b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
