/** The DSL's implementation: compiling and caching scripts, plugins, suggestions, values and errors, the console reporter. Not API. */
package io.ftrun.dsl.internal;
