/**
 * Adapters for Apache Commons Math 3's gradient-free optimizers (Nelder-Mead, BOBYQA, CMA-ES); the
 * only place that imports Commons Math.
 */
package org.qtune.optim.commons;
