package io.ftrun.core.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Virtual threads where the JDK has them (21+), platform threads otherwise. Core is compiled for Java 17, so the
 * virtual-thread API is reached by reflection, once.
 */
public final class Threads {
    private static final Method OF_VIRTUAL;
    private static final Method BUILDER_NAME;
    private static final Method BUILDER_FACTORY;

    static {
        Method ofVirtual = null, name = null, factory = null;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            name = builder.getMethod("name", String.class, long.class);
            factory = builder.getMethod("factory");
        } catch (ReflectiveOperationException | RuntimeException e) {
            ofVirtual = null;
        }
        OF_VIRTUAL = ofVirtual;
        BUILDER_NAME = name;
        BUILDER_FACTORY = factory;
    }

    private Threads() {
    }

    public static boolean virtualAvailable() {
        return OF_VIRTUAL != null;
    }

    /** A factory of virtual threads named {@code prefix0, prefix1, ...}; platform daemon threads on JDK 17. */
    public static ThreadFactory factory(String prefix) {
        if (OF_VIRTUAL != null) {
            try {
                Object builder = BUILDER_NAME.invoke(OF_VIRTUAL.invoke(null), prefix, 0L);
                return (ThreadFactory) BUILDER_FACTORY.invoke(builder);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("virtual threads unavailable", e);
            }
        }
        return platformFactory(prefix);
    }

    public static ThreadFactory platformFactory(String prefix) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    /** Sleeps, keeping the interrupt flag if interrupted; returns false when interrupted. */
    public static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
