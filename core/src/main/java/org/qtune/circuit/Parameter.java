package org.qtune.circuit;

import java.util.Objects;

/**
 * A named symbolic circuit parameter, bound to a number at run time. Two parameters are the same when
 * their names are equal.
 *
 * @param name an identifier: a letter or underscore, then letters, digits, underscores, or
 *             {@code [index]} suffixes such as {@code theta[3]}
 */
public record Parameter(String name) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]+])*")) {
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
