package org.qtune.spark.statevector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qtune.circuit.Gate;
import org.qtune.sim.BoundGate;

/**
 * Compiles bound gates (logical qubits) into a {@link Schedule} for a distributed state.
 *
 * <p>Gates join the current epoch while every qubit they move data on is local (a gate may overtake
 * gates deferred to a later epoch when it shares no qubit with them): a diagonal gate may
 * touch global qubits (a per-partition phase), and the controls of X and SWAP gates may be global (a
 * per-partition predicate). A plain X on a global qubit becomes a {@link Schedule.Flip}. Any other
 * gate that needs a global qubit closes the epoch and triggers one remap. Since a remap costs one
 * shuffle however many qubits it exchanges, it is chosen to serve as many gates as possible: looking
 * ahead from the gate, the window of following gates grows while the qubits they need local fit in
 * the L local positions; every global qubit of that window comes in at once, and the local qubits
 * outside the window that are needed latest go out. Remaps are never undone: the state ends in
 * {@link Schedule#result()}'s layout.
 */
public final class ScheduleCompiler {
    private ScheduleCompiler() {
    }

    /** The qubits a gate moves data on (must be local): all but the controls of X and SWAP gates. */
    static int[] targets(BoundGate g) {
        int[] q = g.qubits();
        if (g.isDiagonal()) {
            return new int[0];
        }
        int from = g.isControlledPermutation() ? g.numControls() : 0;
        return Arrays.copyOfRange(q, from, q.length);
    }

    public static Schedule compile(List<BoundGate> gates, QubitLayout initial) {
        int n = initial.numQubits();
        for (BoundGate g : gates) {
            for (int q : g.qubits()) {
                if (q >= n) {
                    throw new IllegalArgumentException("gate " + g + " out of range for " + n + " qubits");
                }
            }
            if (targets(g).length > initial.localQubits()) {
                throw new IllegalArgumentException("gate " + g + " needs more than the " + initial.localQubits()
                        + " local qubits of each partition: use fewer partitions");
            }
        }
        List<Schedule.Stage> stages = new ArrayList<>();
        QubitLayout layout = initial;
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < gates.size(); i++) {
            remaining.add(i);
        }
        while (!remaining.isEmpty()) {
            // One epoch: take every gate whose targets are local, in order, letting a gate pass deferred
            // ones when it shares no qubit with them (then it commutes with them).
            List<BoundGate> epoch = new ArrayList<>();
            List<Integer> sources = new ArrayList<>(), deferred = new ArrayList<>();
            long blocked = 0;
            for (int i : remaining) {
                BoundGate g = gates.get(i);
                long m = mask(g);
                if ((m & blocked) == 0 && allLocal(targets(g), layout)) {
                    epoch.add(physical(g, layout));
                    sources.add(i);
                } else {
                    deferred.add(i);
                    blocked |= m;
                }
            }
            if (!epoch.isEmpty()) {
                stages.add(new Schedule.Epoch(epoch, sources.stream().mapToInt(Integer::intValue).toArray()));
            }
            if (deferred.isEmpty()) {
                break;
            }
            BoundGate first = gates.get(deferred.get(0));
            if (first.gate() == Gate.X) {
                int p = layout.physical(first.qubits()[0]);
                stages.add(new Schedule.Flip(p));
                layout = layout.flipped(p);
                remaining = deferred.subList(1, deferred.size());
            } else {
                List<BoundGate> ahead = new ArrayList<>(deferred.size());
                for (int i : deferred) {
                    ahead.add(gates.get(i));
                }
                Schedule.Remap remap = chooseRemap(layout, ahead, 0);
                stages.add(remap);
                layout = layout.swapped(remap.globals(), remap.locals());
                remaining = deferred;
            }
        }
        return new Schedule(stages, initial, layout);
    }

    private static long mask(BoundGate g) {
        long m = 0;
        for (int q : g.qubits()) {
            m |= 1L << q;
        }
        return m;
    }

    private static boolean allLocal(int[] qubits, QubitLayout layout) {
        for (int q : qubits) {
            if (!layout.isLocalPhysical(layout.physical(q))) {
                return false;
            }
        }
        return true;
    }

    private static BoundGate physical(BoundGate g, QubitLayout layout) {
        int[] q = g.qubits();
        for (int j = 0; j < q.length; j++) {
            q[j] = layout.physical(q[j]);
        }
        return new BoundGate(g.gate(), q, g.matrix());
    }

    private static Schedule.Remap chooseRemap(QubitLayout layout, List<BoundGate> gates, int now) {
        int n = layout.numQubits(), local = layout.localQubits();
        // the longest window of gates from `now` whose local-qubit needs fit in the local positions
        boolean[] inWindow = new boolean[n];
        int size = 0, end = now;
        for (; end < gates.size(); end++) {
            int[] t = targets(gates.get(end));
            int add = 0;
            for (int q : t) {
                add += inWindow[q] ? 0 : 1;
            }
            if (size + add > local) {
                break;
            }
            for (int q : t) {
                if (!inWindow[q]) {
                    inWindow[q] = true;
                    size++;
                }
            }
        }
        // next use after the window decides which local qubits leave: latest (or never) first
        int[] after = new int[n];
        java.util.Arrays.fill(after, Integer.MAX_VALUE);
        for (int i = gates.size() - 1; i >= end; i--) {
            for (int q : targets(gates.get(i))) {
                after[q] = i;
            }
        }
        List<Integer> incoming = new ArrayList<>(), victims = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            boolean isLocal = layout.isLocalPhysical(layout.physical(q));
            if (inWindow[q] && !isLocal) {
                incoming.add(q);
            } else if (!inWindow[q] && isLocal) {
                victims.add(q);
            }
        }
        victims.sort((a, b) -> Integer.compare(after[b], after[a]));
        int k = incoming.size();
        int[] globals = new int[k], locals = new int[k];
        for (int j = 0; j < k; j++) {
            globals[j] = layout.physical(incoming.get(j));
            locals[j] = layout.physical(victims.get(j));
        }
        return new Schedule.Remap(globals, locals);
    }
}
