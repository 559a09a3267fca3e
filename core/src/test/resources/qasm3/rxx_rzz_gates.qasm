OPENQASM 3.0;
include "stdgates.inc";
input float[64] θ;
input float[64] φ;
gate rxx(p0) _gate_q_0, _gate_q_1 {
  h _gate_q_0;
  h _gate_q_1;
  cx _gate_q_0, _gate_q_1;
  rz(p0) _gate_q_1;
  cx _gate_q_0, _gate_q_1;
  h _gate_q_1;
  h _gate_q_0;
}
gate rzz(p0) _gate_q_0, _gate_q_1 {
  cx _gate_q_0, _gate_q_1;
  rz(p0) _gate_q_1;
  cx _gate_q_0, _gate_q_1;
}
qubit[3] q;
h q[0];
ry(θ) q[2];
rxx(θ) q[0], q[1];
rzz(2*φ) q[1], q[2];
rxx(pi/4) q[2], q[0];
rzz(θ) q[0], q[2];
