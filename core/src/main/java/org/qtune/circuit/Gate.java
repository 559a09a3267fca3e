package org.qtune.circuit;

import java.util.Locale;

/**
 * The standard gate set.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Qubit order is little-endian: in a gate's matrix, bit {@code j} of the row or column index is
 *       the state of the operation's {@code j}-th qubit argument. For {@code cx(c, t)} the control is
 *       bit 0 and the target bit 1, so the matrix maps |t c&gt; = |01&gt; (index 1) to |11&gt; (index 3).</li>
 *   <li>Controlled gates list their controls first, then the target(s), as OpenQASM does.</li>
 *   <li>Rotations are {@code R_P(t) = exp(-i t P / 2)}: {@code rx(t) = [[cos t/2, -i sin t/2],
 *       [-i sin t/2, cos t/2]]}, {@code rz(t) = diag(e^{-it/2}, e^{it/2})} (Qiskit's sign, not
 *       qelib1's {@code u1}-based global phase). {@code rxx(t) = exp(-i t X(x)X / 2)}, likewise
 *       {@code ryy}, {@code rzz}.</li>
 *   <li>{@code p(l) = u1(l) = diag(1, e^{il})}; {@code u3(t, f, l) = [[cos t/2, -e^{il} sin t/2],
 *       [e^{if} sin t/2, e^{i(f+l)} cos t/2]]}; {@code u2(f, l) = u3(pi/2, f, l)}; {@code cu3} is
 *       u3 controlled with no extra phase; {@code cp = cu1} is the controlled phase.</li>
 *   <li>Matrices are returned row-major with interleaved real and imaginary parts:
 *       element (r, c) of a d x d matrix is {@code m[2*(r*d+c)] + i m[2*(r*d+c)+1]}.</li>
 * </ul>
 * {@link #MCX} has a variable number of qubits: all but the last are controls.
 */
public enum Gate {
    ID("id", 1, 0, Kind.DIAGONAL),
    X("x", 1, 0, Kind.PERMUTATION),
    Y("y", 1, 0, Kind.DENSE),
    Z("z", 1, 0, Kind.DIAGONAL),
    H("h", 1, 0, Kind.DENSE),
    S("s", 1, 0, Kind.DIAGONAL),
    SDG("sdg", 1, 0, Kind.DIAGONAL),
    T("t", 1, 0, Kind.DIAGONAL),
    TDG("tdg", 1, 0, Kind.DIAGONAL),
    SX("sx", 1, 0, Kind.DENSE),
    SXDG("sxdg", 1, 0, Kind.DENSE),
    RX("rx", 1, 1, Kind.DENSE),
    RY("ry", 1, 1, Kind.DENSE),
    RZ("rz", 1, 1, Kind.DIAGONAL),
    P("p", 1, 1, Kind.DIAGONAL),
    U2("u2", 1, 2, Kind.DENSE),
    U3("u3", 1, 3, Kind.DENSE),
    CX("cx", 2, 0, Kind.PERMUTATION),
    CY("cy", 2, 0, Kind.DENSE),
    CZ("cz", 2, 0, Kind.DIAGONAL),
    CH("ch", 2, 0, Kind.DENSE),
    SWAP("swap", 2, 0, Kind.PERMUTATION),
    CRX("crx", 2, 1, Kind.DENSE),
    CRY("cry", 2, 1, Kind.DENSE),
    CRZ("crz", 2, 1, Kind.DIAGONAL),
    CP("cp", 2, 1, Kind.DIAGONAL),
    CU3("cu3", 2, 3, Kind.DENSE),
    RXX("rxx", 2, 1, Kind.DENSE),
    RYY("ryy", 2, 1, Kind.DENSE),
    RZZ("rzz", 2, 1, Kind.DIAGONAL),
    CCX("ccx", 3, 0, Kind.PERMUTATION),
    CSWAP("cswap", 3, 0, Kind.PERMUTATION),
    /** Multi-controlled X: qubits = controls..., target. At least one qubit. */
    MCX("mcx", -1, 0, Kind.PERMUTATION);

    /** How a gate's matrix is structured; the simulator picks kernels by it. */
    public enum Kind {
        /** Diagonal in the computational basis. */
        DIAGONAL,
        /** A permutation of basis states (no phases). */
        PERMUTATION,
        /** Anything else. */
        DENSE
    }

    private final String qasmName;
    private final int arity;
    private final int numParams;
    private final Kind kind;

    Gate(String qasmName, int arity, int numParams, Kind kind) {
        this.qasmName = qasmName;
        this.arity = arity;
        this.numParams = numParams;
        this.kind = kind;
    }

    /** The gate's name in OpenQASM 2.0 (qelib1.inc). */
    public String qasmName() {
        return qasmName;
    }

    /** Number of qubits, or -1 when variable ({@link #MCX}). */
    public int arity() {
        return arity;
    }

    public int numParams() {
        return numParams;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isDiagonal() {
        return kind == Kind.DIAGONAL;
    }

    /** Number of leading qubit arguments that are pure controls (the matrix is identity unless all are 1). */
    public int numControls(int numQubits) {
        return switch (this) {
            case CX, CY, CZ, CH, CRX, CRY, CRZ, CP, CU3, CSWAP -> 1;
            case CCX -> 2;
            case MCX -> numQubits - 1;
            default -> 0;
        };
    }

    /** Looks a gate up by its canonical lower-case name, e.g. {@code "cx"}; null when there is none. */
    public static Gate byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Gate g : values()) {
            if (g.qasmName.equals(n)) {
                return g;
            }
        }
        return null;
    }

    /**
     * The unitary of this gate on {@code numQubits} qubits (needed for {@link #MCX}; ignored otherwise
     * when it equals the arity).
     *
     * @param params the numeric parameters, length {@link #numParams()}; not modified
     * @return a new interleaved row-major matrix of dimension 2^numQubits
     */
    public double[] matrix(int numQubits, double... params) {
        checkShape(numQubits, params);
        int nc = numControls(numQubits);
        if (this == MCX && nc == 0) {
            return X.matrix(1);
        }
        if (nc > 0) {
            double[] base = switch (this) {
                case CX, CCX, MCX -> X.matrix(1);
                case CY -> Y.matrix(1);
                case CZ -> Z.matrix(1);
                case CH -> H.matrix(1);
                case CRX -> RX.matrix(1, params);
                case CRY -> RY.matrix(1, params);
                case CRZ -> RZ.matrix(1, params);
                case CP -> P.matrix(1, params);
                case CU3 -> U3.matrix(1, params);
                case CSWAP -> SWAP.matrix(2);
                default -> throw new AssertionError(this);
            };
            return Matrices.controlled(base, nc);
        }
        double h = 1 / Math.sqrt(2);
        switch (this) {
            case ID: return m2(1, 0, 0, 0, 0, 0, 1, 0);
            case X: return m2(0, 0, 1, 0, 1, 0, 0, 0);
            case Y: return m2(0, 0, 0, -1, 0, 1, 0, 0);
            case Z: return m2(1, 0, 0, 0, 0, 0, -1, 0);
            case H: return m2(h, 0, h, 0, h, 0, -h, 0);
            case S: return m2(1, 0, 0, 0, 0, 0, 0, 1);
            case SDG: return m2(1, 0, 0, 0, 0, 0, 0, -1);
            case T: return m2(1, 0, 0, 0, 0, 0, h, h);
            case TDG: return m2(1, 0, 0, 0, 0, 0, h, -h);
            case SX: return m2(0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5);
            case SXDG: return m2(0.5, -0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -0.5);
            case RX: {
                double c = Math.cos(params[0] / 2), s = Math.sin(params[0] / 2);
                return m2(c, 0, 0, -s, 0, -s, c, 0);
            }
            case RY: {
                double c = Math.cos(params[0] / 2), s = Math.sin(params[0] / 2);
                return m2(c, 0, -s, 0, s, 0, c, 0);
            }
            case RZ: {
                double c = Math.cos(params[0] / 2), s = Math.sin(params[0] / 2);
                return m2(c, -s, 0, 0, 0, 0, c, s);
            }
            case P: return m2(1, 0, 0, 0, 0, 0, Math.cos(params[0]), Math.sin(params[0]));
            case U2: return u3(Math.PI / 2, params[0], params[1]);
            case U3: return u3(params[0], params[1], params[2]);
            case SWAP: {
                double[] m = new double[32];
                m[0] = 1; // |00> -> |00>
                m[2 * (1 * 4 + 2)] = 1; // |10> -> |01>
                m[2 * (2 * 4 + 1)] = 1;
                m[2 * 15] = 1;
                return m;
            }
            case RXX:
            case RYY:
            case RZZ: {
                double c = Math.cos(params[0] / 2), s = Math.sin(params[0] / 2);
                double[] m = new double[32];
                for (int k = 0; k < 4; k++) {
                    m[2 * (k * 4 + k)] = c;
                }
                if (this == RZZ) {
                    // exp(-i t/2 ZZ): phase -s on even parity, +s on odd parity.
                    m[1] = -s;
                    m[2 * 5 + 1] = s;
                    m[2 * 10 + 1] = s;
                    m[2 * 15 + 1] = -s;
                } else {
                    // -i s P(x)P on the anti-diagonal; YY has entries -1 on |00>,|11> and +1 on |01>,|10>.
                    double outer = this == RXX ? -s : s;
                    m[2 * 3 + 1] = outer;
                    m[2 * 12 + 1] = outer;
                    m[2 * 6 + 1] = -s;
                    m[2 * 9 + 1] = -s;
                }
                return m;
            }
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * The derivative of this gate's matrix with respect to parameter {@code k}, in the layout of
     * {@link #matrix}. Used by the adjoint and finite-difference-free gradient methods.
     */
    public double[] derivative(int numQubits, int k, double... params) {
        checkShape(numQubits, params);
        if (k < 0 || k >= numParams) {
            throw new IllegalArgumentException(qasmName + " has no parameter " + k);
        }
        int nc = numControls(numQubits);
        if (nc > 0) {
            Gate base = switch (this) {
                case CRX -> RX;
                case CRY -> RY;
                case CRZ -> RZ;
                case CP -> P;
                case CU3 -> U3;
                default -> throw new AssertionError(this);
            };
            // d/dt (|0><0| (x) I + |1><1| (x) U(t)) = |1><1| (x) dU/dt: zero outside the controlled block.
            return Matrices.controlledBlockOnly(base.derivative(1, k, params), nc);
        }
        switch (this) {
            case RX:
            case RY:
            case RZ:
            case RXX:
            case RYY:
            case RZZ: {
                // U(t) = cos(t/2) I - i sin(t/2) G, so dU/dt = U(t + pi) / 2.
                return Matrices.scale(matrix(numQubits, params[0] + Math.PI), 0.5);
            }
            case P: return m2(0, 0, 0, 0, 0, 0, -Math.sin(params[0]), Math.cos(params[0]));
            case U2: return u3Derivative(Math.PI / 2, params[0], params[1], k + 1);
            case U3: return u3Derivative(params[0], params[1], params[2], k);
            default:
                throw new AssertionError(this);
        }
    }

    private void checkShape(int numQubits, double[] params) {
        if (arity > 0 ? numQubits != arity : numQubits < 1) {
            throw new IllegalArgumentException(qasmName + " acts on " + (arity > 0 ? arity : "at least 1")
                    + " qubit(s), not " + numQubits);
        }
        if (params.length != numParams) {
            throw new IllegalArgumentException(qasmName + " takes " + numParams + " parameter(s), not " + params.length);
        }
    }

    private static double[] m2(double... v) {
        return v;
    }

    private static double[] u3(double t, double f, double l) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        return m2(c, 0,
                -Math.cos(l) * s, -Math.sin(l) * s,
                Math.cos(f) * s, Math.sin(f) * s,
                Math.cos(f + l) * c, Math.sin(f + l) * c);
    }

    private static double[] u3Derivative(double t, double f, double l, int k) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        switch (k) {
            case 0:
                return m2(-s / 2, 0,
                        -Math.cos(l) * c / 2, -Math.sin(l) * c / 2,
                        Math.cos(f) * c / 2, Math.sin(f) * c / 2,
                        -Math.cos(f + l) * s / 2, -Math.sin(f + l) * s / 2);
            case 1: // d/df: i times the bottom row
                return m2(0, 0, 0, 0,
                        -Math.sin(f) * s, Math.cos(f) * s,
                        -Math.sin(f + l) * c, Math.cos(f + l) * c);
            case 2: // d/dl: i times the right column
                return m2(0, 0,
                        Math.sin(l) * s, -Math.cos(l) * s,
                        0, 0,
                        -Math.sin(f + l) * c, Math.cos(f + l) * c);
            default:
                throw new AssertionError(k);
        }
    }
}
