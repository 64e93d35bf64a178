package io.ftrun.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.FromString;
import io.ftrun.dsl.internal.Values;

import java.time.Duration;

/** {@code greet { message 'Hi! I am server\n'; every '1s'; rounds 10; onAnswer { msg -> ... } }}. */
public final class GreetSpec extends Spec {
    String message = "Hi! I am server\n";
    Duration interval = Duration.ZERO;
    int rounds;
    Closure<?> onAnswer;

    GreetSpec(ScriptModel model) {
        super(model, "greet");
    }

    /** The greeting sent each round, framed by the server's framing. */
    public void message(String text) {
        checkOpen("message");
        this.message = text;
    }

    /** A pause between rounds: {@code '500ms'}, {@code '1s'}. */
    public void every(Object duration) {
        checkOpen("every");
        this.interval = Values.duration(duration, "every");
    }

    /** Stop after this many rounds; 0 (the default) greets until the client leaves. */
    public void rounds(Object n) {
        checkOpen("rounds");
        int r = Values.integer(n, "rounds");
        if (r < 0) throw new DslException("rounds must not be negative, not " + r);
        this.rounds = r;
    }

    /** Called with each answer, as a {@link io.ftrun.core.Message}, and the connection. */
    public void onAnswer(@ClosureParams(value = FromString.class, options = {"io.ftrun.core.Message", "io.ftrun.core.Message,io.ftrun.core.Connection"})
                         @DelegatesTo(value = io.ftrun.core.Connection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        checkOpen("onAnswer");
        this.onAnswer = block;
    }
}
