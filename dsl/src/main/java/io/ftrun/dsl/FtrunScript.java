package io.ftrun.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.MissingMethodException;
import groovy.lang.Script;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.FromString;
import groovy.transform.stc.SimpleType;
import io.ftrun.core.files.NameRequest;
import io.ftrun.core.files.NamingPolicies;
import io.ftrun.core.files.NamingPolicy;
import io.ftrun.core.files.OnCollision;
import io.ftrun.dsl.internal.Closures;
import io.ftrun.dsl.internal.ScriptLines;
import io.ftrun.dsl.internal.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The base class of every ftrun script: the top-level blocks ({@code server}, {@code client}, {@code clients},
 * {@code plugins}, {@code afterClients}), naming-policy helpers, {@code params} and {@code log}.
 * Every block takes a closure (delegate first, so IDEs complete it) or an {@link Action}.
 */
public abstract class FtrunScript extends Script {
    private ScriptContext context;

    /** Called by the runner before {@link #run()}. */
    public void init(ScriptContext context) {
        this.context = context;
    }

    private ScriptContext ctx() {
        if (context == null) throw new IllegalStateException("ftrun script run without a context: use the ftrun command or io.ftrun.dsl.embed.Ftrun");
        return context;
    }

    private ScriptModel model() {
        return ctx().model();
    }

    // ---- servers --------------------------------------------------------------------------------------------

    public ServerHandle server(@DelegatesTo(value = ServerSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return server(defaultServerName(), block);
    }

    public ServerHandle server(String name, @DelegatesTo(value = ServerSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return server(name, (Action<ServerSpec>) spec -> Closures.configure(spec, block));
    }

    public ServerHandle server(Action<? super ServerSpec> action) {
        return server(defaultServerName(), action);
    }

    public ServerHandle server(String name, Action<? super ServerSpec> action) {
        ScriptModel m = model();
        int line = ScriptLines.current(m.scriptFile());
        m.enterTopLevel("server");
        try {
            ServerSpec spec = new ServerSpec(m, name, ctx().plugins());
            spec.line(line);
            Closures.configure(spec, action);
            if (spec.handlerName() == null) {
                throw new DslException("server '" + name + "' has no handler: add one of echo, reply, greet, chat, receiveFiles or handle");
            }
            m.addServer(spec);
            return spec.handle();
        } finally {
            m.exit();
        }
    }

    private String defaultServerName() {
        int n = model().servers().size();
        return n == 0 ? "server" : "server" + (n + 1);
    }

    // ---- clients --------------------------------------------------------------------------------------------

    public void client(@DelegatesTo(value = ClientSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        clients("client", 1, block);
    }

    public void client(String name, @DelegatesTo(value = ClientSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        clients(name, 1, block);
    }

    public void client(Action<? super ClientSpec> action) {
        clients("client", 1, action);
    }

    /** {@code clients(20) { connect ...; sendFile "part${index}.bin" }}: n clients at once, the block run per client. */
    public void clients(int n, @DelegatesTo(value = ClientSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        clients("client", n, block);
    }

    public void clients(String name, int n, @DelegatesTo(value = ClientSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        clients(name, n, (Action<ClientSpec>) spec -> Closures.configure(spec, block));
    }

    public void clients(int n, Action<? super ClientSpec> action) {
        clients("client", n, action);
    }

    public void clients(String name, int n, Action<? super ClientSpec> action) {
        ScriptModel m = model();
        int line = ScriptLines.current(m.scriptFile());
        if (n < 1) throw new DslException("clients needs at least 1 client, not " + n);
        if (n > 100_000) throw new DslException("clients(" + n + ") is more than this runner allows at once (100000)");
        m.enterTopLevel(n == 1 ? "client" : "clients");
        try {
            List<ClientSpec> specs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ClientSpec spec = new ClientSpec(m, n == 1 ? name : name + "#" + i, i);
                Closures.configure(spec, action);
                spec.validate();
                specs.add(spec);
            }
            m.addClientGroup(new ScriptModel.ClientGroup(name, specs, line));
        } finally {
            m.exit();
        }
    }

    /** Runs after every client has finished, with their results; the place to verify and summarise. */
    public void afterClients(@ClosureParams(value = FromString.class, options = "java.util.List<io.ftrun.dsl.ClientResult>") Closure<?> block) {
        model().checkOpen("afterClients { }");
        model().afterClients(block);
    }

    // ---- plugins ----------------------------------------------------------------------------------------------

    public void plugins(@DelegatesTo(value = PluginsSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        plugins((Action<PluginsSpec>) spec -> Closures.configure(spec, block));
    }

    public void plugins(Action<? super PluginsSpec> action) {
        ScriptModel m = model();
        if (!m.servers().isEmpty() || !m.clientGroups().isEmpty()) {
            throw new DslException("plugins { } must come before any server or client block");
        }
        m.enterTopLevel("plugins");
        try {
            Closures.configure(new PluginsSpec(m, ctx().plugins()), action);
        } finally {
            m.exit();
        }
    }

    // ---- health -------------------------------------------------------------------------------------------------

    /**
     * {@code health { port 8081 }}: a port for the load balancer's health check and monitoring (GET /health,
     * GET /metrics, POST /drain). Returns a handle, so a client can {@code connect} to it.
     */
    public ServerHandle health(@DelegatesTo(value = HealthSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return health((Action<HealthSpec>) spec -> Closures.configure(spec, block));
    }

    public ServerHandle health(Action<? super HealthSpec> action) {
        ScriptModel m = model();
        m.enterTopLevel("health");
        try {
            HealthSpec spec = Closures.configure(new HealthSpec(m), action);
            spec.validate();
            m.health(spec);
            return spec.handle();
        } finally {
            m.exit();
        }
    }

    /** Script functions added by plugins. */
    public Object methodMissing(String name, Object args) {
        Function<Object[], Object> f = context == null ? null : context.plugins().function(name);
        if (f == null) throw new MissingMethodException(name, getClass(), (Object[]) args);
        return f.apply((Object[]) args);
    }

    // ---- naming policies ---------------------------------------------------------------------------------------

    /** {@code counter('file_%d.pdf')}: file_1.pdf, file_2.pdf, ... never reusing a name, continuing after a restart. */
    public NamingPolicy counter(String pattern) {
        return NamingPolicies.counter(pattern);
    }

    /** {@code timestamp('upload_%s.bin')}: the receive time, with a suffix if two land in the same instant. */
    public NamingPolicy timestamp(String pattern) {
        return NamingPolicies.timestamp(pattern);
    }

    public NamingPolicy uuid() {
        return NamingPolicies.uuid();
    }

    /**
     * The sender's own name (framed protocol): {@code original(onCollision: 'rename')}, 'overwrite' or 'reject';
     * {@code original(raw: counter('file_%d'))} names raw uploads, which carry none, for a receiver taking both.
     */
    public NamingPolicy original(Map<String, ?> options) {
        Object c = options.get("onCollision");
        Object raw = options.get("raw");
        for (String k : options.keySet()) {
            if (!k.equals("onCollision") && !k.equals("raw")) throw new DslException("unknown original option '" + k + "' (expected onCollision, raw)");
        }
        OnCollision onCollision = Values.choice(OnCollision.class, c == null ? "rename" : c.toString(), "onCollision");
        if (raw == null) return NamingPolicies.original(onCollision);
        if (!(raw instanceof NamingPolicy forRaw)) throw new DslException("original(raw: ...) takes a naming policy such as counter('file_%d'), not " + raw);
        try {
            return NamingPolicies.original(onCollision, forRaw);
        } catch (IllegalArgumentException e) {
            throw new DslException(e.getMessage());
        }
    }

    public NamingPolicy original(String onCollision) {
        return NamingPolicies.original(Values.choice(OnCollision.class, onCollision, "onCollision"));
    }

    public NamingPolicy original() {
        return NamingPolicies.original(OnCollision.RENAME);
    }

    /** {@code template('{date}/{remote}-{counter}-{name}')}: a name built from fields of the transfer. */
    public NamingPolicy template(String template) {
        return NamingPolicies.template(template);
    }

    /** Your own naming code: {@code naming { req -> "${req.remoteHost}-${req.originalName}" }}. */
    public NamingPolicy naming(@ClosureParams(value = SimpleType.class, options = "io.ftrun.core.files.NameRequest")
                               @DelegatesTo(value = NameRequest.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return ScriptNaming.custom(block);
    }

    // ---- parameters ------------------------------------------------------------------------------------------

    /**
     * What the script takes ({@link ParamsSpec}): given values are checked against it, defaults filled in, unknown
     * names refused, and {@code ftrun script.groovy --help} lists them. Declare it before reading {@code params}.
     */
    public void params(@DelegatesTo(value = ParamsSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        params((Action<ParamsSpec>) spec -> Closures.configure(spec, block));
    }

    public void params(Action<? super ParamsSpec> action) {
        ParamsSpec spec = new ParamsSpec();
        Closures.configure(spec, action);
        ctx().params().declare(spec);
    }

    // ---- run-time helpers ------------------------------------------------------------------------------------

    /** The {@code -Pname=value} parameters: as declared in {@code params { }}; in a script without one, a missing one reads as null. */
    public Params getParams() {
        return ctx().params();
    }

    public ScriptLog getLog() {
        return ctx().log();
    }

    /** Stops the run: servers stop accepting, drain and shut down. Safe from handlers and afterClients. */
    public void shutdown() {
        ctx().stop();
    }

    /** Fails the run with a message (exit code 1). */
    public void fail(String message) {
        throw new DslException(message);
    }
}
