package org.qtune.hamiltonian;

import java.util.List;

/** Nuclei and a total charge; the electrons are the nuclear charges minus the charge. */
public record Molecule(List<Atom> atoms, int charge) {
    public Molecule {
        atoms = List.copyOf(atoms);
        if (atoms.isEmpty()) {
            throw new IllegalArgumentException("a molecule needs at least one atom");
        }
        int electrons = -charge;
        for (Atom a : atoms) {
            electrons += a.nuclearCharge();
        }
        if (electrons < 0) {
            throw new IllegalArgumentException("charge " + charge + " leaves a negative number of electrons");
        }
        for (int i = 0; i < atoms.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (distance(atoms.get(i), atoms.get(j)) < 1e-6) {
                    throw new IllegalArgumentException("atoms " + j + " and " + i + " coincide");
                }
            }
        }
    }

    public static Molecule neutral(Atom... atoms) {
        return new Molecule(List.of(atoms), 0);
    }

    public int electrons() {
        int electrons = -charge;
        for (Atom a : atoms) {
            electrons += a.nuclearCharge();
        }
        return electrons;
    }

    /** sum_(A<B) Z_A Z_B / R_AB in hartree. */
    public double nuclearRepulsion() {
        double e = 0;
        for (int i = 0; i < atoms.size(); i++) {
            for (int j = 0; j < i; j++) {
                e += atoms.get(i).nuclearCharge() * atoms.get(j).nuclearCharge() / distance(atoms.get(i), atoms.get(j));
            }
        }
        return e;
    }

    private static double distance(Atom a, Atom b) {
        double dx = a.x() - b.x(), dy = a.y() - b.y(), dz = a.z() - b.z();
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
