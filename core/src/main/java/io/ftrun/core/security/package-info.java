/** TLS settings, address filters (allow, deny, trusted proxies) and the checks that go with them. */
package io.ftrun.core.security;
