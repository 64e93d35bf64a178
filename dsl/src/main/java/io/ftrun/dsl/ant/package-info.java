/** The Ant task: {@code <ftrun script=... />}, an adapter over the embedding API. */
package io.ftrun.dsl.ant;
