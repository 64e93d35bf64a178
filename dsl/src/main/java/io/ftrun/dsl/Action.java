package io.ftrun.dsl;

/**
 * Configures a spec: the Java- and {@code @TypeChecked}-friendly form of every DSL block. Each block method also
 * takes a {@code Closure}; both forms end up in the same place.
 */
@FunctionalInterface
public interface Action<T> {
    void execute(T target) throws Exception;
}
