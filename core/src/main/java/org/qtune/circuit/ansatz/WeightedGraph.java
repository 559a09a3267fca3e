package org.qtune.circuit.ansatz;

import java.util.List;

/** An undirected weighted graph on vertices 0..numVertices-1, for QAOA. Immutable. */
public record WeightedGraph(int numVertices, List<Edge> edges) {
    /** An edge {u, v} with a weight. */
    public record Edge(int u, int v, double weight) {
    }

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
