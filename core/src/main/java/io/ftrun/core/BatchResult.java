package io.ftrun.core;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The joined outcome of {@link Clients#run}: one {@link Outcome} per client, in index order. */
public record BatchResult<T>(List<Outcome<T>> outcomes, Duration took) {
    public BatchResult {
        outcomes = List.copyOf(outcomes);
    }

    /** One client's result: a value, or the error that ended it. */
    public record Outcome<T>(int index, T value, Throwable error, Duration took) {
        public boolean succeeded() {
            return error == null;
        }
    }

    public boolean allSucceeded() {
        return outcomes.stream().allMatch(Outcome::succeeded);
    }

    public List<Outcome<T>> failures() {
        return outcomes.stream().filter(o -> !o.succeeded()).collect(Collectors.toList());
    }

    public List<T> values() {
        return outcomes.stream().map(Outcome::value).collect(Collectors.toList());
    }

    public int size() {
        return outcomes.size();
    }
}
