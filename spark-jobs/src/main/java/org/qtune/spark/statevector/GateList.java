package org.qtune.spark.statevector;

import java.util.List;
import org.qtune.sim.BoundGate;

/** The gates of one epoch, as broadcast to executors (Kryo-serialized by a registered serializer). */
public final class GateList {
    final List<BoundGate> gates;

    public GateList(List<BoundGate> gates) {
        this.gates = List.copyOf(gates);
    }

    public List<BoundGate> gates() {
        return gates;
    }
}
