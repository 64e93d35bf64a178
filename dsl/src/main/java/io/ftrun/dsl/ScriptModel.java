package io.ftrun.dsl;

import groovy.lang.Closure;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a script declared: its servers, client groups, plugins and the block that runs after the clients.
 * Filled while the script body runs, then locked: a block or setting reached later (say from inside a handler
 * at connection time) fails with the script line instead of being silently ignored.
 */
public final class ScriptModel {
    private final String scriptFile;
    private final Path baseDir;
    private final List<ServerSpec> servers = new ArrayList<>();
    private final List<ClientGroup> clientGroups = new ArrayList<>();
    private final List<String> pluginIds = new ArrayList<>();
    private final Deque<String> openBlocks = new ArrayDeque<>();
    private Closure<?> afterClients;
    private HealthSpec health;
    private volatile boolean locked;

    /** @param baseDir where the script's relative paths resolve (the working directory, or the embedding build's) */
    public ScriptModel(String scriptFile, Path baseDir) {
        this.scriptFile = scriptFile;
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    /**
     * Where a path the script names is: relative paths resolve against {@link #baseDir()}, in every block alike
     * (a server's {@code into}, a client's {@code sendFile}, certificates, token files).
     */
    public Path resolve(Object path) {
        return baseDir.resolve(String.valueOf(path)).normalize();
    }

    public Path baseDir() {
        return baseDir;
    }

    /** The script's file name as it appears in stack traces, e.g. {@code file-server.groovy}. */
    public String scriptFile() {
        return scriptFile;
    }

    public List<ServerSpec> servers() {
        return List.copyOf(servers);
    }

    public List<ClientGroup> clientGroups() {
        return List.copyOf(clientGroups);
    }

    public List<String> pluginIds() {
        return List.copyOf(pluginIds);
    }

    public Closure<?> afterClients() {
        return afterClients;
    }

    public boolean isLocked() {
        return locked;
    }

    /** Ends the declaration phase. */
    void lock() {
        locked = true;
    }

    /** Fails unless declarations are still open. {@code what} names the setting or block for the message. */
    void checkOpen(String what) {
        if (locked) {
            throw new DslException(what + " cannot be changed once the script has been read: declare it at the top"
                    + " level of the script, not inside a handler or an afterClients block");
        }
    }

    /** Enters a top-level block, refusing to nest it inside another block. */
    void enterTopLevel(String block) {
        checkOpen(block + " { }");
        if (!openBlocks.isEmpty()) {
            throw new DslException(block + " { } must be at the top level of the script, not inside " + openBlocks.peek() + " { }");
        }
        openBlocks.push(block);
    }

    void exit() {
        openBlocks.pop();
    }

    void addServer(ServerSpec s) {
        for (ServerSpec other : servers) {
            if (other.name().equals(s.name())) throw new DslException("a server named '" + s.name() + "' is already declared");
        }
        servers.add(s);
    }

    void addClientGroup(ClientGroup g) {
        clientGroups.add(g);
    }

    void addPlugin(String id) {
        if (!pluginIds.contains(id)) pluginIds.add(id);
    }

    /**
     * True when the run is likely long or heavy enough for the optimizing JIT: it serves (servers, a health port)
     * or sends files. A short client-only script starts sooner without it.
     */
    public boolean wantsOptimizingJit() {
        return !servers.isEmpty() || health != null
                || clientGroups.stream().flatMap(g -> g.clients().stream()).anyMatch(ClientSpec::sendsFiles);
    }

    /** The {@code health { }} block, or null. */
    public HealthSpec health() {
        return health;
    }

    void health(HealthSpec spec) {
        if (health != null) throw new DslException("health { } is declared twice; one health port serves every server");
        health = spec;
    }

    void afterClients(Closure<?> block) {
        if (afterClients != null) throw new DslException("afterClients { } is declared twice");
        afterClients = block;
    }

    /** One {@code client { }} (size 1) or {@code clients(n) { }} block: its specs, one per client. */
    public record ClientGroup(String name, List<ClientSpec> clients, int line) {
        public ClientGroup {
            clients = List.copyOf(clients);
        }
    }
}
