// An 8-qubit example for `qtune simulate`: a GHZ state built with a custom gate, then a rotation
// layer. Written for qtune; little-endian like Qiskit (q[0] is the lowest bit).
OPENQASM 2.0;
include "qelib1.inc";
gate entangle a, b { h a; cx a, b; }
gate chain a, b, c { cx a, b; cx b, c; }
qreg q[8];
creg c[8];
entangle q[0], q[1];
chain q[1], q[2], q[3];
chain q[3], q[4], q[5];
chain q[5], q[6], q[7];
rz(pi/4) q[0];
ry(pi/3) q[7];
barrier q;
measure q -> c;
