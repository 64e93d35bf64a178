/** Ready-made handlers (echo, reply, greet, chat) and {@link io.ftrun.core.handler.ConnectionGroup}, the set of connections a chat room broadcasts to. */
package io.ftrun.core.handler;
