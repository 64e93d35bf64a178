package io.ftrun.dsl;

import groovy.lang.Closure;
import io.ftrun.core.files.NameRequest;
import io.ftrun.core.files.NamingPolicies;
import io.ftrun.core.files.NamingPolicy;
import io.ftrun.dsl.internal.Closures;

/** A naming policy written as a closure: called per file with the request as argument and delegate. */
final class ScriptNaming {
    private ScriptNaming() {
    }

    static NamingPolicy custom(Closure<?> block) {
        return NamingPolicies.custom((NameRequest req) -> {
            Object name = Closures.forCall(block, req).call(req);
            return name == null ? null : name.toString();
        });
    }
}
