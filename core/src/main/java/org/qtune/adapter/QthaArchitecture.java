package org.qtune.adapter;

import java.util.Locale;

/**
 * The members of the QTHA family by the letters of the QTHA authors' public code, so that an
 * ablation is a configuration and not a fork. A = the MPO pair (tensor-train down- and
 * up-projection to a bottleneck), B = the r-dimensional linears (MLP_A to r, MLP_B back) with the
 * classical r x r skip CW, C = the per-token circuit on r qubits with its r x r readout linear QW,
 * D = a SiLU MLP of two r x r layers in the circuit's place.
 */
public enum QthaArchitecture {
    /** y += s MPO_B(MPO_A(x)): the tensor network alone. */
    A(true, true, Mixer.NONE, false),
    /** y += s MPO_B(MLP_B(CW(MLP_A(MPO_A(x))))): everything but the circuit. */
    AB(true, false, Mixer.NONE, true),
    /** QTHA: z = QW(VQC(h)) + CW(h) between MLP_A and MLP_B, inside the MPO pair. */
    ABC(true, false, Mixer.CIRCUIT, true),
    /** ABC with the circuit's two CRZ rings removed (no entanglement). */
    ABC_NOENT(true, false, Mixer.CIRCUIT_WITHOUT_ENTANGLEMENT, true),
    /** ABC with a SiLU MLP (two r x r layers) in place of the circuit and QW: the classical surrogate. */
    ABD(true, false, Mixer.SILU, true),
    /** The circuit without the MPO ("simple quantum LoRA"): MLP_A from the input width, MLP_B to the output's. */
    BC(false, false, Mixer.CIRCUIT, true);

    /** What maps h to the nonlinear term of z. */
    public enum Mixer {
        NONE, CIRCUIT, CIRCUIT_WITHOUT_ENTANGLEMENT, SILU;

        public boolean isCircuit() {
            return this == CIRCUIT || this == CIRCUIT_WITHOUT_ENTANGLEMENT;
        }
    }

    private final boolean mpo;
    private final boolean mpoOnly;
    private final Mixer mixer;
    private final boolean linears;

    QthaArchitecture(boolean mpo, boolean mpoOnly, Mixer mixer, boolean linears) {
        this.mpo = mpo;
        this.mpoOnly = mpoOnly;
        this.mixer = mixer;
        this.linears = linears;
    }

    /** Whether the MPO pair wraps the adapter. */
    public boolean mpo() {
        return mpo;
    }

    /** Whether the adapter is only the MPO pair (no r-dimensional part at all). */
    public boolean mpoOnly() {
        return mpoOnly;
    }

    public Mixer mixer() {
        return mixer;
    }

    /** Whether MLP_A, CW and MLP_B are there. */
    public boolean linears() {
        return linears;
    }

    /** Lower-case name with a hyphen: a, ab, abc, abc-noent, abd, bc. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
