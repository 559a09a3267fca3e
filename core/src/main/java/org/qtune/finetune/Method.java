package org.qtune.finetune;

import java.util.Locale;

/** What fine-tuning trains. */
public enum Method {
    /** Nothing: the base model as it is (for an encoder, with the classification head as initialized). */
    NONE,
    /** Only the classification head on the frozen encoder (encoders only). */
    HEAD_ONLY,
    /** LoRA adapters on the targeted linear layers, and the classification head for an encoder. */
    LORA,
    /** Every parameter of a decoder (pre-training). */
    FULL;

    /** The method of a command-line name: none, head-only, lora. */
    public static Method parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "head-only" -> HEAD_ONLY;
            case "lora" -> LORA;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("--method " + name + ": expected none, head-only or lora");
        };
    }

    /** The command-line name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
