package org.qtune.sim;

/**
 * Decides once whether the Vector API kernels can run: the {@code jdk.incubator.vector} module must be
 * in the boot layer (the JVM was started with {@code --add-modules=jdk.incubator.vector}). When it is
 * not, the scalar kernels run and {@code org.qtune.sim.kernel.VectorKernels} is never loaded.
 */
public final class KernelSupport {
    public static final boolean VECTOR_AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("qtune.noVector");

    private KernelSupport() {
    }
}
