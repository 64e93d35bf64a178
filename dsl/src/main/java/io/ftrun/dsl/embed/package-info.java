/** Running a script from Java, Groovy, Gradle or Maven: {@link io.ftrun.dsl.embed.Ftrun}, {@link io.ftrun.dsl.embed.Running} and the {@link io.ftrun.dsl.embed.RunReport}. Does not depend on the command line (ArchitectureTest). */
package io.ftrun.dsl.embed;
