package org.qtune.circuit;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named symbolic circuit parameter, bound to a number at run time. Two parameters are the same when
 * their names are equal.
 *
 * @param name an identifier: a letter or underscore, then letters, digits, underscores, or
 *             {@code [index]} suffixes such as {@code theta[3]}. Letters are any Unicode letters
 *             (as in OpenQASM 3 identifiers, so that {@code θ} or Qiskit's {@code _θ_0_} read from
 *             a file are valid names); digits are 0-9.
 */
public record Parameter(String name) {
    /** A letter (category L or Nl) or underscore, then those or ASCII digits, then {@code [index]}es. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{Nl}_][\\p{L}\\p{Nl}_0-9]*(\\[[0-9]+])*");

    public Parameter {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid parameter name: '" + name + "'");
        }
    }

    public static Parameter of(String name) {
        return new Parameter(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
