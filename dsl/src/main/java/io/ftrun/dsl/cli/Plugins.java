package io.ftrun.dsl.cli;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The class loader for {@code --plugins}: jars, directories of classes, or directories holding jars. */
final class Plugins {
    private Plugins() {
    }

    static ClassLoader loader(String path, ClassLoader parent) throws IOException {
        if (path == null || path.isBlank()) return parent;
        List<URL> urls = new ArrayList<>();
        for (String part : path.split(File.pathSeparator)) {
            if (part.isBlank()) continue;
            Path p = Path.of(part);
            if (!Files.exists(p)) throw new IOException("no such plugin file or directory: " + p);
            if (Files.isDirectory(p)) {
                List<Path> jars;
                try (Stream<Path> s = Files.list(p)) {
                    jars = s.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
                }
                if (jars.isEmpty()) urls.add(p.toUri().toURL());
                for (Path j : jars) urls.add(j.toUri().toURL());
            } else {
                urls.add(p.toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), parent);
    }
}
