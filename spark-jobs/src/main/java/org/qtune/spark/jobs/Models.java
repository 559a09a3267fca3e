package org.qtune.spark.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qtune.model.HfModels;
import org.qtune.model.MiniLm;
import org.qtune.spark.data.ModelFiles;

/** How jobs name a model: {@code minilm} (the all-MiniLM-L6-v2 jar) or a Hugging Face directory. */
final class Models {
    static final String MINILM = "minilm";

    private Models() {
    }

    static boolean isMiniLm(String model) {
        return MINILM.equals(model);
    }

    /**
     * The directory a model name points to, checked to exist (an IOException otherwise); a directory
     * on a Hadoop path is copied to the local model cache first ({@link ModelFiles}).
     */
    static Path directory(String option, String model) throws IOException {
        if (ModelFiles.isRemote(model)) {
            return ModelFiles.local(model, ModelFiles.executorConfiguration());
        }
        Path dir = Path.of(model);
        if (!Files.isDirectory(dir)) {
            throw new IOException(option + " " + model + ": neither 'minilm' nor a Hugging Face model directory");
        }
        return dir;
    }

    /** The description of a model without loading its weights. */
    static HfModels.Description describe(String option, String model) throws IOException {
        if (isMiniLm(model)) {
            var c = MiniLm.CONFIG;
            return new HfModels.Description(Path.of(MiniLm.ONNX_RESOURCE), "bert", "encoder", c.layers(), c.hidden(),
                    c.vocab(), c.parameters(), c.parameters() * 4, c.linearShapes());
        }
        return HfModels.describe(directory(option, model));
    }

    /** Heap a loaded model needs: its float32 weights, with room for reading one shard tensor beside them. */
    static long loadBytes(HfModels.Description d) {
        return d.floatBytes() + d.floatBytes() / 4 + (64L << 20);
    }
}
