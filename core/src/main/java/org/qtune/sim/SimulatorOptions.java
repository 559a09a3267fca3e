package org.qtune.sim;

/**
 * How the {@link Simulator} runs a circuit. Results agree to rounding (1e-12) whatever the options;
 * with the same options they are bit-identical for any thread count.
 *
 * @param threads        worker threads for large states (default: available processors)
 * @param fusion         merge neighbouring gates into dense blocks and diagonal runs (default on)
 * @param maxFusedQubits largest dense block fusion may build, 1..5 (default 3)
 * @param blocking       cache blocking: run all gates of a pass tile by tile (default on)
 * @param tileQubits     qubits per cache tile, 6..20; 2^tileQubits * 16 bytes should fit in the
 *                       per-core L2 cache (default 15: 512 KiB, half of this machine's L2)
 * @param vector         use the Vector API kernels when the JVM has the module (default on)
 * @param pageQubits     states the simulator creates are stored in pages of 2^pageQubits amplitudes
 *                       when they are larger, 1..30 (default {@link StateVector#DEFAULT_PAGE_QUBITS}:
 *                       25; see {@link StateVector} for why); 30 keeps every state in one pair of arrays
 */
public record SimulatorOptions(int threads, boolean fusion, int maxFusedQubits, boolean blocking, int tileQubits,
                               boolean vector, int pageQubits) {
    public SimulatorOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (maxFusedQubits < 1 || maxFusedQubits > 5) {
            throw new IllegalArgumentException("maxFusedQubits must be in 1..5, got " + maxFusedQubits);
        }
        if (tileQubits < 6 || tileQubits > 20) {
            throw new IllegalArgumentException("tileQubits must be in 6..20, got " + tileQubits);
        }
        if (pageQubits < 1 || pageQubits > StateVector.MAX_QUBITS) {
            throw new IllegalArgumentException("pageQubits must be in 1.." + StateVector.MAX_QUBITS + ", got "
                    + pageQubits);
        }
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(Runtime.getRuntime().availableProcessors(), true, 3, true, 15, true,
                StateVector.DEFAULT_PAGE_QUBITS);
    }

    public SimulatorOptions withThreads(int t) {
        return new SimulatorOptions(t, fusion, maxFusedQubits, blocking, tileQubits, vector, pageQubits);
    }

    public SimulatorOptions withFusion(boolean f) {
        return new SimulatorOptions(threads, f, maxFusedQubits, blocking, tileQubits, vector, pageQubits);
    }

    public SimulatorOptions withMaxFusedQubits(int k) {
        return new SimulatorOptions(threads, fusion, k, blocking, tileQubits, vector, pageQubits);
    }

    public SimulatorOptions withBlocking(boolean b) {
        return new SimulatorOptions(threads, fusion, maxFusedQubits, b, tileQubits, vector, pageQubits);
    }

    public SimulatorOptions withTileQubits(int q) {
        return new SimulatorOptions(threads, fusion, maxFusedQubits, blocking, q, vector, pageQubits);
    }

    public SimulatorOptions withVector(boolean v) {
        return new SimulatorOptions(threads, fusion, maxFusedQubits, blocking, tileQubits, v, pageQubits);
    }

    public SimulatorOptions withPageQubits(int p) {
        return new SimulatorOptions(threads, fusion, maxFusedQubits, blocking, tileQubits, vector, p);
    }

    /** No fusion, no blocking: one pass per gate. The reference path for tests and benchmarks. */
    public SimulatorOptions unoptimized() {
        return new SimulatorOptions(threads, false, maxFusedQubits, false, tileQubits, vector, pageQubits);
    }
}
