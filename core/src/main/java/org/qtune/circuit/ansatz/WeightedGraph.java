package org.qtune.circuit.ansatz;

import java.util.List;

/** An undirected weighted graph on vertices 0..numVertices-1, for QAOA. Immutable. */
public record WeightedGraph(int numVertices, List<Edge> edges) {
    /** An edge {u, v} with a weight. */
    public record Edge(int u, int v, double weight) {
    }

    /** The largest |weight| an edge-list file may give: cuts and their gradients must stay far from overflow. */
    public static final double MAX_WEIGHT = 1e100;

    public WeightedGraph {
        edges = List.copyOf(edges);
        if (numVertices < 1) {
            throw new IllegalArgumentException("a graph needs at least one vertex");
        }
        for (Edge e : edges) {
            if (e.u() < 0 || e.v() < 0 || e.u() >= numVertices || e.v() >= numVertices || e.u() == e.v()) {
                throw new IllegalArgumentException("bad edge " + e.u() + "-" + e.v() + " for " + numVertices + " vertices");
            }
            if (!Double.isFinite(e.weight())) {
                throw new IllegalArgumentException("edge " + e.u() + "-" + e.v() + " has a non-finite weight");
            }
        }
    }

    /** Reads an edge-list file ({@link #parse}; UTF-8 as {@link org.qtune.text.TextFiles} reads it). */
    public static WeightedGraph read(java.nio.file.Path file) throws java.io.IOException {
        return parse(org.qtune.text.TextFiles.read(file), file.toString());
    }

    /**
     * Parses an edge list: one edge per line as {@code u v} or {@code u v weight} (weight 1 by
     * default), blank lines and {@code #} comments ignored; vertices are 0..(largest index). Errors
     * name the line.
     */
    public static WeightedGraph parse(String text, String source) {
        java.util.List<Edge> edges = new java.util.ArrayList<>();
        int n = 0;
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
            String[] f = line.trim().split("\\s+");
            try {
                if (f.length < 2 || f.length > 3) {
                    throw new IllegalArgumentException("expected 'u v' or 'u v weight'");
                }
                int u = Integer.parseInt(f[0]), v = Integer.parseInt(f[1]);
                double w = f.length == 3 ? Double.parseDouble(f[2]) : 1.0;
                if (u < 0 || v < 0 || u == v) {
                    throw new IllegalArgumentException("bad edge " + u + "-" + v);
                }
                if (!(Math.abs(w) <= MAX_WEIGHT)) {
                    throw new IllegalArgumentException("weight " + f[2] + " is not a number of magnitude at most "
                            + MAX_WEIGHT + " (larger cut values and gradients would overflow)");
                }
                edges.add(new Edge(u, v, w));
                n = Math.max(n, Math.max(u, v) + 1);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ", line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (edges.isEmpty()) {
            throw new IllegalArgumentException(source + ": no edges");
        }
        return new WeightedGraph(n, edges);
    }

    /** The largest cut by trying every assignment (at most 26 vertices). */
    public double maxCutBruteForce() {
        if (numVertices > 26) {
            throw new IllegalArgumentException("brute force is for at most 26 vertices");
        }
        double best = 0;
        for (long a = 0; a < 1L << numVertices; a++) {
            best = Math.max(best, cutValue(a));
        }
        return best;
    }

    /** The cut value of a vertex assignment: bit v of {@code assignment} is vertex v's side. */
    public double cutValue(long assignment) {
        double c = 0;
        for (Edge e : edges) {
            if (((assignment >>> e.u()) & 1) != ((assignment >>> e.v()) & 1)) {
                c += e.weight();
            }
        }
        return c;
    }
}
