package org.qtune.circuit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A circuit's parameters split into data inputs (named, in the given order) and trainable weights
 * (the rest, in the circuit's order): the split a quantum layer and a data-encoded loss both make.
 * Serializable so that a Spark task's closure can carry it.
 */
public record ParameterSplit(int[] inputIndex, int[] weightIndex, List<String> weightNames)
        implements java.io.Serializable {
    public ParameterSplit {
        inputIndex = inputIndex.clone();
        weightIndex = weightIndex.clone();
        weightNames = List.copyOf(weightNames);
    }

    /** Splits {@code circuit}'s parameters; an input that is not a parameter, or is named twice, is an error. */
    public static ParameterSplit of(Circuit circuit, List<String> inputs) {
        Set<String> names = new HashSet<>();
        for (Parameter p : circuit.parameters()) {
            names.add(p.name());
        }
        Set<String> seen = new HashSet<>();
        for (String in : inputs) {
            if (!names.contains(in)) {
                throw new IllegalArgumentException("input '" + in + "' is not a parameter of the circuit");
            }
            if (!seen.add(in)) {
                throw new IllegalArgumentException("input '" + in + "' named twice");
            }
        }
        int[] input = inputs.stream().mapToInt(n -> circuit.parameterIndex(Parameter.of(n))).toArray();
        List<Integer> w = new ArrayList<>();
        List<String> wn = new ArrayList<>();
        for (Parameter p : circuit.parameters()) {
            if (!seen.contains(p.name())) {
                w.add(circuit.parameterIndex(p));
                wn.add(p.name());
            }
        }
        return new ParameterSplit(input, w.stream().mapToInt(Integer::intValue).toArray(), wn);
    }

    @Override
    public int[] inputIndex() {
        return inputIndex.clone();
    }

    @Override
    public int[] weightIndex() {
        return weightIndex.clone();
    }

    /** The circuit's full parameter vector from one row's inputs and the weights. */
    public double[] bind(double[] inputs, double[] weights, int numParameters) {
        double[] theta = new double[numParameters];
        for (int i = 0; i < inputIndex.length; i++) {
            theta[inputIndex[i]] = inputs[i];
        }
        for (int j = 0; j < weightIndex.length; j++) {
            theta[weightIndex[j]] = weights[j];
        }
        return theta;
    }
}
