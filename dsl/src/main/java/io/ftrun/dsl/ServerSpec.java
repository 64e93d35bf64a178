package io.ftrun.dsl;

// Over 300 lines on purpose: one method per server setting and handler block, the server block's whole
// vocabulary in one place, each a line or two.

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.FromString;
import groovy.transform.stc.SimpleType;
import io.ftrun.core.Concurrency;
import io.ftrun.core.Connection;
import io.ftrun.core.Handler;
import io.ftrun.core.ProxyProtocol;
import io.ftrun.core.ServerConfig;
import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.EventListener;
import io.ftrun.dsl.internal.Closures;
import io.ftrun.dsl.internal.PluginRegistry;
import io.ftrun.dsl.internal.ScriptHandlers;
import io.ftrun.dsl.internal.Values;

import java.util.Collections;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code server('name') { ... }}: where to listen, how to run connections, and one handler block
 * ({@code echo}, {@code reply}, {@code greet}, {@code chat}, {@code receiveFiles} or {@code handle}).
 */
public final class ServerSpec extends ConnectionSpec<ServerConfig.Builder> {
    private final ServerHandle handle;
    private String handlerName;
    private Function<Codec, Handler> handlerFactory;
    private int line;

    private final PluginRegistry plugins;

    ServerSpec(ScriptModel model, String name, PluginRegistry plugins) {
        super(model, "server", name, ServerConfig.builder());
        this.plugins = plugins;
        this.handle = new ServerHandle(name);
    }

    public String name() {
        return name;
    }

    ServerHandle handle() {
        return handle;
    }

    void line(int line) {
        this.line = line;
    }

    int line() {
        return line;
    }

    // ---- where -------------------------------------------------------------------------------------------

    /** The address to listen on; {@code 0.0.0.0} (all interfaces) by default, {@code 127.0.0.1} for this machine only. */
    public void host(String host) {
        set("host", () -> builder.host(host));
    }

    /** The port; 0 picks a free one (the bound port is logged and available as {@code handle.port}). */
    public void port(Object port) {
        set("port", () -> builder.port(Values.port(port, "port")));
    }

    /** The kernel's queue of connections that arrived but are not accepted yet (4096 by default). Not a limit on clients. */
    public void backlog(Object n) {
        set("backlog", () -> builder.backlog(Values.integer(n, "backlog")));
    }

    public void reuseAddress(Object on) {
        set("reuseAddress", () -> builder.reuseAddress(Values.bool(on, "reuseAddress")));
    }

    // ---- how connections run -----------------------------------------------------------------------------

    /** {@code concurrency serial()}, {@code threads()}, {@code threads(max: 20)}, {@code pool(8)}, {@code virtual()}. */
    public void concurrency(Concurrency c) {
        set("concurrency", () -> builder.concurrency(c));
    }

    public Concurrency serial() {
        return Concurrency.serial();
    }

    public Concurrency threads() {
        return Concurrency.threads();
    }

    /** One thread per connection, at most {@code max} connections at once ({@code threads(max: 20)}). */
    public Concurrency threads(Map<String, ?> options) {
        checkOpen("threads");
        for (String k : options.keySet()) {
            if (!k.equals("max")) throw new DslException("unknown threads option '" + k + "' (expected max)");
        }
        if (options.containsKey("max")) maxConnections(options.get("max"));
        return Concurrency.threads();
    }

    public Concurrency pool(Object size) {
        return Concurrency.pool(Values.integer(size, "pool size"));
    }

    /** {@code pool(size: 8, queue: 100)}: connections beyond the pool wait in the queue, and are refused past it. */
    public Concurrency pool(Map<String, ?> options) {
        for (String k : options.keySet()) {
            if (!k.equals("size") && !k.equals("queue")) throw new DslException("unknown pool option '" + k + "' (expected size, queue)");
        }
        if (!options.containsKey("size")) throw new DslException("pool needs a size: pool(size: 8)");
        int size = Values.integer(options.get("size"), "pool size");
        return options.containsKey("queue") ? Concurrency.pool(size, Values.integer(options.get("queue"), "pool queue")) : Concurrency.pool(size);
    }

    public Concurrency virtual() {
        return Concurrency.virtual();
    }

    /** Connections served at once, all addresses together. Over it, a client gets a one-line refusal. */
    public void maxConnections(Object n) {
        set("maxConnections", () -> builder.maxConnections(Values.integer(n, "maxConnections")));
    }

    public void maxConnectionsPerAddress(Object n) {
        set("maxConnectionsPerAddress", () -> builder.maxConnectionsPerAddress(Values.integer(n, "maxConnectionsPerAddress")));
    }

    /**
     * How many connections over {@code maxConnectionsPerAddress} may wait, unread, for a slot (file receivers, whose
     * raw senders cannot read a refusal): {@code maxWaiting 1024}. Past that the server stops accepting for a while.
     */
    public void maxWaiting(Object n) {
        set("maxWaiting", () -> builder.maxWaiting(Values.integer(n, "maxWaiting")));
    }

    /** At shutdown, how long connections in flight may finish before they are aborted. */
    public void shutdownGrace(Object d) {
        set("shutdownGrace", () -> builder.shutdownGrace(Values.duration(d, "shutdownGrace")));
    }

    /** The line a refused connection reads before it is closed; null or empty sends nothing. */
    public void refusal(String message) {
        set("refusal", () -> builder.refusalMessage(message));
    }

    // ---- security -------------------------------------------------------------------------------------------

    /** Every connection speaks TLS: {@code tls { certificate 'server.pem'; key 'server.key' }}. */
    public void tls(@DelegatesTo(value = ServerTlsSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        tls(spec -> Closures.configure(spec, block));
    }

    public void tls(Action<? super ServerTlsSpec> action) {
        applyTls(new ServerTlsSpec(model), action);
    }

    /** Only these addresses or CIDR ranges may connect: {@code allow '10.0.0.0/8', '::1'}. Others are closed without a word. */
    public void allow(String... addressesOrRanges) {
        set("allow", () -> builder.allow(addressesOrRanges));
    }

    /** These addresses or ranges may not connect, even if allowed: {@code deny '10.0.0.7'}. */
    public void deny(String... addressesOrRanges) {
        set("deny", () -> builder.deny(addressesOrRanges));
    }

    /** All connections together move at most this much per second: {@code totalRateLimit '10MB'}. */
    public void totalRateLimit(Object bytesPerSecond) {
        set("totalRateLimit", () -> builder.totalRateLimit(Values.size(bytesPerSecond, "totalRateLimit")));
    }

    // ---- behind a load balancer -----------------------------------------------------------------------------

    /**
     * Every connection starts with a load balancer's PROXY protocol header: {@code proxyProtocol 'v2'} ({@code 'v1'},
     * {@code 'v2'} or {@code 'any'}). Handlers, logs, naming and per-address limits then see the real client; a
     * connection without a valid header is refused. Only for a port that nothing but the balancers can reach.
     */
    public void proxyProtocol(String version) {
        proxyProtocol(Collections.emptyMap(), version);
    }

    /** {@code proxyProtocol 'v2', trusted: ['10.0.0.5', '10.1.0.0/16'], timeout: '3s'}: only these balancers (addresses or CIDR ranges), the whole header within this time. */
    public void proxyProtocol(Map<String, ?> options, String version) {
        set("proxyProtocol", () -> {
            for (String k : options.keySet()) {
                if (!k.equals("trusted") && !k.equals("timeout")) throw new DslException("unknown proxyProtocol option '" + k + "' (expected trusted, timeout)");
            }
            builder.proxyProtocol(proxyVersion(version));
            Object trusted = options.get("trusted");
            if (trusted instanceof Iterable) {
                for (Object t : (Iterable<?>) trusted) builder.trustedProxies(String.valueOf(t));
            } else if (trusted != null) {
                builder.trustedProxies(trusted.toString());
            }
            if (options.containsKey("timeout")) builder.proxyHeaderTimeout(Values.duration(options.get("timeout"), "proxyProtocol timeout"));
        });
    }

    private static ProxyProtocol proxyVersion(String version) {
        switch (String.valueOf(version).trim().toLowerCase(java.util.Locale.ROOT)) {
            case "v1": case "1": return ProxyProtocol.V1;
            case "v2": case "2": return ProxyProtocol.V2;
            case "any": return ProxyProtocol.ANY;
            case "off": case "none": return ProxyProtocol.OFF;
            default: throw new DslException("proxyProtocol must be 'v1', 'v2', 'any' or 'off', not '" + version + "'");
        }
    }

    /** How messages are cut from the stream: {@code 'raw'}, {@code 'chunks'}, {@code 'lines'} or {@code 'length-prefixed'}. */
    // ---- the handler ---------------------------------------------------------------------------------------

    /** Sends back whatever arrives. */
    public void echo() {
        setHandler("echo", c -> io.ftrun.core.handler.Handlers.echo());
    }

    /** Answers every message with the same text. */
    public void reply(String answer) {
        setHandler("reply", c -> io.ftrun.core.handler.Handlers.reply(answer));
    }

    /** Answers every message with what the closure returns (text, bytes, or null for no answer). */
    public void reply(@ClosureParams(value = FromString.class, options = {"io.ftrun.core.Message", "io.ftrun.core.Message,io.ftrun.core.Connection"})
                      @DelegatesTo(value = Connection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        setHandler("reply", c -> ScriptHandlers.reply(block, model.scriptFile()));
    }

    /** Sends a greeting and reads the answer, in a loop: {@code greet 'Hi! I am server\n'}. */
    public void greet(String message) {
        greet(spec -> spec.message(message));
    }

    public void greet(@DelegatesTo(value = GreetSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        greet(spec -> Closures.configure(spec, block));
    }

    public void greet(Action<? super GreetSpec> action) {
        GreetSpec spec = Closures.configure(new GreetSpec(model), action);
        setHandler("greet", c -> ScriptHandlers.greeter(spec.message, spec.interval, spec.rounds, spec.onAnswer, model.scriptFile()));
    }

    /** A line chat room: every line goes to the other members. Uses {@code lines} framing unless set. */
    public void chat() {
        chat(spec -> { });
    }

    public void chat(@DelegatesTo(value = ChatSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        chat(spec -> Closures.configure(spec, block));
    }

    public void chat(Action<? super ChatSpec> action) {
        ChatSpec spec = Closures.configure(new ChatSpec(model), action);
        if (codec == null) codec = Codecs.lines();
        setHandler("chat", c -> ScriptHandlers.chat(spec.room, spec.queue));
    }

    /** Your own code, once per connection, on that connection's thread: {@code handle { conn -> ... }}. */
    public void handle(@ClosureParams(value = SimpleType.class, options = "io.ftrun.core.Connection")
                       @DelegatesTo(value = Connection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        setHandler("handle", c -> ScriptHandlers.custom(block, model.scriptFile()));
    }

    /** Receives files: {@code receiveFiles { into 'received'; naming counter('file_%d.pdf') }}. */
    public void receiveFiles(@DelegatesTo(value = ReceiveFilesSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        receiveFiles(spec -> Closures.configure(spec, block));
    }

    public void receiveFiles(Action<? super ReceiveFilesSpec> action) {
        ReceiveFilesSpec spec = Closures.configure(new ReceiveFilesSpec(model), action);
        receiving = spec.toConfig();
        onFile = spec.hook();
        filesHandler("receiveFiles");
    }

    /**
     * Serves a directory for download: {@code serveFiles { from 'dist' }}. With {@code receiveFiles} beside it, the same
     * port receives and serves (framed sessions; the two directories may even be one: what arrives complete can be
     * fetched, temporaries never).
     */
    public void serveFiles(@DelegatesTo(value = ServeFilesSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        serveFiles(spec -> Closures.configure(spec, block));
    }

    public void serveFiles(Action<? super ServeFilesSpec> action) {
        ServeFilesSpec spec = Closures.configure(new ServeFilesSpec(model), action);
        serving = spec.toConfig();
        filesHandler("serveFiles");
    }

    private io.ftrun.core.files.FileReceiverConfig receiving;
    private FileHook onFile;
    private io.ftrun.core.files.ServeConfig serving;

    /** receiveFiles and serveFiles make one handler together; each may appear once. */
    private void filesHandler(String kind) {
        if (handlerName != null && !handlerName.equals(kind) && handlerName.matches("receiveFiles|serveFiles")) {
            handlerName = "receiveFiles and serveFiles";
            return;
        }
        setHandler(kind, c -> io.ftrun.core.files.FileReceiver.handler(receiving, serving));
    }

    /** Handler blocks added by plugins: {@code shout { prefix '>> ' }}. */
    public Object methodMissing(String method, Object args) {
        Object[] a = (Object[]) args;
        PluginRegistry.HandlerBlock<?> block = plugins.handlerBlock(method);
        if (block == null || a.length > 1 || (a.length == 1 && !(a[0] instanceof Closure))) {
            throw new groovy.lang.MissingMethodException(method, ServerSpec.class, a);
        }
        pluginHandler(method, block, a.length == 1 ? (Closure<?>) a[0] : null);
        return null;
    }

    private <S> void pluginHandler(String method, PluginRegistry.HandlerBlock<S> block, Closure<?> body) {
        S spec = Closures.configure(block.specFactory().get(), body);
        setHandler(method, c -> block.handlerFactory().apply(spec));
    }

    /** A handler written in Java. */
    public void handler(String name, Handler handler) {
        setHandler(name, c -> handler);
    }

    private void setHandler(String kind, Function<Codec, Handler> factory) {
        checkOpen(kind);
        if (handlerName != null) {
            throw new DslException("server '" + name + "' already has a handler (" + handlerName + "); a server runs one handler");
        }
        handlerName = kind;
        handlerFactory = factory;
    }

    void defaultCodec(Codec c) {
        if (codec == null) codec = c;
    }

    String handlerName() {
        return handlerName;
    }

    /** Freezes this spec into the engine's immutable configuration. */
    ServerConfig toConfig(EventListener listener) {
        if (handlerFactory == null) {
            throw new DslException("server '" + name + "' has no handler: add one of echo, reply, greet, chat, receiveFiles, serveFiles or handle");
        }
        Codec c = codec != null ? codec : Codecs.chunks(ServerConfig.DEFAULT_CHUNK_SIZE);
        Handler h;
        try {
            h = handlerFactory.apply(c);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) { // e.g. serving beside a raw-only receiver
            throw new DslException("server '" + name + "': " + e.getMessage());
        }
        builder.codec(c).handler(h);
        EventListener l = onFile == null ? listener : onFile.around(listener, name, receiving.directory());
        if (l != null) builder.listener(l);
        return builder.build();
    }
}
