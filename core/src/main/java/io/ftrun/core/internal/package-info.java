/** The engine's implementation: the socket connection, transports, watchdog, rate limiting, accept-side admission. Not API: nothing outside core may use it (ArchitectureTest), and no public signature mentions it. */
package io.ftrun.core.internal;
