package org.qtune.finetune;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.qtune.adapter.QthaArchitecture;

/** What fine-tuning trains. */
public enum Method {
    /** Nothing: the base model as it is (for an encoder, with the classification head as initialized). */
    NONE(null),
    /** Only the classification head on the frozen encoder (encoders only). */
    HEAD_ONLY(null),
    /** LoRA adapters on the targeted linear layers, and the classification head for an encoder. */
    LORA(null),
    /** QTHA (ABC): MPO, r-dimensional linears, per-token circuit with linear fusion. */
    QTHA(QthaArchitecture.ABC),
    /** QTHA's MPO pair alone (A). */
    QTHA_A(QthaArchitecture.A),
    /** QTHA without the circuit (AB). */
    QTHA_AB(QthaArchitecture.AB),
    /** QTHA with a SiLU MLP in place of the circuit (ABD). */
    QTHA_ABD(QthaArchitecture.ABD),
    /** QTHA with the circuit's entangling rings removed (ABC-noent). */
    QTHA_NOENT(QthaArchitecture.ABC_NOENT),
    /** The circuit without the MPO (BC). */
    QTHA_BC(QthaArchitecture.BC),
    /** Every parameter of a decoder (pre-training). */
    FULL(null);

    private final QthaArchitecture architecture;

    Method(QthaArchitecture architecture) {
        this.architecture = architecture;
    }

    /** The QTHA-family member this method trains, or null. */
    public QthaArchitecture qtha() {
        return architecture;
    }

    /** Whether the method trains adapters inside the model (LoRA or a QTHA member). */
    public boolean adapts() {
        return this == LORA || architecture != null;
    }

    /** The method of a command-line name (see {@link #names}); full is pre-training's. */
    public static Method parse(String name) {
        String n = name.toLowerCase(Locale.ROOT).strip();
        for (Method m : values()) {
            if (m.id().equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--method " + name + ": expected " + names());
    }

    /** The fine-tuning methods' names, for help and errors. */
    public static String names() {
        return Arrays.stream(values()).filter(m -> m != FULL).map(Method::id).collect(Collectors.joining(", "));
    }

    /** The command-line name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
