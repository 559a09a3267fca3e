package org.qtune.model.lora;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qtune.model.Linear;

/**
 * A LoRA adapter's shape: rank r, alpha, dropout on the adapter's input, rsLoRA scaling, and the
 * linear layers it adapts. The update is y += s B A dropout(x) with s = alpha / r, or
 * alpha / sqrt(r) with rsLoRA (Kalajdzievski 2023, as PEFT's {@code use_rslora}).
 *
 * <p>Targets match module paths as PEFT's {@code target_modules} list does: a target matches a path
 * equal to it or ending in "." + target. Short names are accepted for the decoder's projections
 * (q, k, v, o, gate, up, down = q_proj, ..., down_proj); BERT's are query, key, value and dense
 * (every attention-output and MLP projection).
 */
public record LoraConfig(int rank, double alpha, double dropout, boolean rsLora, List<String> targets) {
    private static final Map<String, String> SHORT = Map.of("q", "q_proj", "k", "k_proj", "v", "v_proj", "o", "o_proj",
            "gate", "gate_proj", "up", "up_proj", "down", "down_proj");

    public LoraConfig {
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be at least 1, not " + rank);
        }
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("LoRA alpha must be a positive number, not " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LoRA dropout must be in [0, 1), not " + dropout);
        }
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("LoRA needs at least one target module");
        }
        targets = targets.stream().map(t -> SHORT.getOrDefault(t.strip(), t.strip())).distinct().toList();
        for (String t : targets) {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("an empty LoRA target name");
            }
        }
    }

    /** The factor s of the update: alpha / r, or alpha / sqrt(r) with rsLoRA. */
    public double scaling() {
        return rsLora ? alpha / Math.sqrt(rank) : alpha / rank;
    }

    /**
     * The targeted layers among {@code shapes}, in order; a target that matches no layer is an
     * IllegalArgumentException listing the layer names there are.
     */
    public List<Linear.Shape> select(List<Linear.Shape> shapes) {
        List<Linear.Shape> out = new ArrayList<>();
        for (Linear.Shape s : shapes) {
            if (matches(s.path())) {
                out.add(s);
            }
        }
        for (String t : targets) {
            if (out.stream().noneMatch(s -> s.path().equals(t) || s.path().endsWith("." + t))) {
                List<String> names = shapes.stream().map(s -> s.path().substring(s.path().lastIndexOf('.') + 1))
                        .distinct().toList();
                throw new IllegalArgumentException("target '" + t + "' matches no linear layer of this model; its "
                        + "layers are " + String.join(", ", names));
            }
        }
        return out;
    }

    /** Trainable parameters on these layers: r (in + out) per targeted one. */
    public long trainableParameters(List<Linear.Shape> shapes) {
        long n = 0;
        for (Linear.Shape s : select(shapes)) {
            n += (long) rank * (s.in() + s.out());
        }
        return n;
    }

    /** Whether the module at {@code path} is a target. */
    public boolean matches(String path) {
        for (String t : targets) {
            if (path.equals(t) || path.endsWith("." + t)) {
                return true;
            }
        }
        return false;
    }
}
