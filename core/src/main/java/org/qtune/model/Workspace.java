package org.qtune.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Sizes a pass's workspace: the bytes of every float and int array it holds, directly or in its
 * per-layer and gradient holders (what the benchmark reports as activation memory per token).
 */
final class Workspace {
    private Workspace() {
    }

    static long bytes(Object pass) {
        return bytes(pass, 0);
    }

    private static long bytes(Object o, int depth) {
        if (o == null || depth > 3) {
            return 0;
        }
        if (o instanceof float[] f) {
            return 4L * f.length;
        }
        if (o instanceof int[] i) {
            return 4L * i.length;
        }
        if (o instanceof Object[] arr) {
            long n = 0;
            for (Object e : arr) {
                n += bytes(e, depth + 1);
            }
            return n;
        }
        if (!o.getClass().getName().startsWith("org.qtune.model.")) {
            return 0;
        }
        long n = 0;
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                continue;
            }
            try {
                f.setAccessible(true);
                Object v = f.get(o);
                // The shared model's weights are not the pass's workspace.
                if (v instanceof Bert || v instanceof Qwen2 || v instanceof java.util.Map || v instanceof TokenBatch) {
                    continue;
                }
                n += bytes(v, depth + 1);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return n;
    }
}
