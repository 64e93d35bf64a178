/** The {@code ftrun} command: options, exit codes, signals, JSON events. A thin adapter over the run. */
package io.ftrun.dsl.cli;
