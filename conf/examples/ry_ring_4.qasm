// A 4-qubit parameterized circuit in the OpenQASM 3 form Qiskit's qasm3 exporter writes:
// RY(a_i) on every qubit, a CZ ring, then RX(2*b + pi/4) on every qubit.
// Used with conf/examples/ry_ring_4_rows.csv by the README's qtune sweep example.
OPENQASM 3.0;
include "stdgates.inc";
input float[64] a0;
input float[64] a1;
input float[64] a2;
input float[64] a3;
input float[64] b;
qubit[4] q;
ry(a0) q[0];
ry(a1) q[1];
ry(a2) q[2];
ry(a3) q[3];
cz q[0], q[1];
cz q[1], q[2];
cz q[2], q[3];
cz q[3], q[0];
rx(2*b + pi/4) q[0];
rx(2*b + pi/4) q[1];
rx(2*b + pi/4) q[2];
rx(2*b + pi/4) q[3];
