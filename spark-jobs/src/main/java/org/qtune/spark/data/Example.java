package org.qtune.spark.data;

import java.io.Serializable;

/** One training example: the values fed to a circuit's input parameters, and its target. */
public record Example(double[] features, double target) implements Serializable {
    public Example {
        features = features.clone();
    }

    @Override
    public double[] features() {
        return features.clone();
    }

    /** The feature array itself, for hot loops that only read it. */
    public double[] featuresView() {
        return features;
    }
}
