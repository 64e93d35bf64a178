/** The Groovy DSL's API: the typed base script ({@link io.ftrun.dsl.FtrunScript}), one spec class per block, the script loader and the run ({@link io.ftrun.dsl.ScriptExecution}, {@link io.ftrun.dsl.RunResult}). */
package io.ftrun.dsl;
