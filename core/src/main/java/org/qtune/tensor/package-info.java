/**
 * Dense float32 linear algebra for the models: {@link org.qtune.tensor.Gemm}, row-major matrix
 * products through {@code dev.ludovic.netlib}'s BLAS (native OpenBLAS through JNI when the system has
 * it, its Vector API implementation otherwise; which one runs is logged once). The elementwise and
 * row kernels are in {@code tensor.kernel}.
 */
package org.qtune.tensor;
