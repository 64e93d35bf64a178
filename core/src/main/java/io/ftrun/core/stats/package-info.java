/** {@link io.ftrun.core.stats.ServerStats}: what each server did, folded once from its events; the run's report, its exit code and {@code /metrics} all read it. */
package io.ftrun.core.stats;
