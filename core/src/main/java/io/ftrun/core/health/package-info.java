/** The health port for load balancers and monitoring: {@code /health}, {@code /metrics} (a view of {@link io.ftrun.core.stats.ServerStats}) and {@code POST /drain} with its access rule. */
package io.ftrun.core.health;
