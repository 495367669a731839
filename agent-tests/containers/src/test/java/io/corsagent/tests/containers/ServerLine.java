package io.corsagent.tests.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * One container line: a module under {@code agent-tests/servers/<name>} whose main class starts the container with
 * the test app, and the JVM to run it on.
 *
 * @param name      the module directory under {@code agent-tests/servers}, e.g. {@code tomcat9}
 * @param mainClass the server's main class
 * @param javaHome  the JDK the server runs on (the test JVM's own unless a line says otherwise)
 */
public record ServerLine(String name, String mainClass, Path javaHome) {

    /** A line that runs on the same JDK as the tests. */
    public static ServerLine of(String name, String mainClass) {
        return new ServerLine(name, mainClass, Paths.get(System.getProperty("java.home")));
    }

    /** The same line on another JDK, e.g. {@code /usr/lib/jvm/temurin-25-jdk-amd64}. */
    public ServerLine onJava(Path otherJavaHome, String suffix) {
        return new ServerLine(name + suffix, mainClass, otherJavaHome);
    }

    public Path moduleDir() {
        return TestPaths.testsDir().resolve("servers").resolve(name.replaceFirst("@.*$", ""));
    }

    /** The module's own classes (if any) followed by the class path its build wrote to target/classpath.txt. */
    public String classPath() {
        return classPathOf(moduleDir());
    }

    static String classPathOf(Path module) {
        Path file = module.resolve("target/classpath.txt");
        try {
            String dependencies = Files.readString(file).trim();
            Path classes = module.resolve("target/classes");
            return Files.isDirectory(classes) ? classes + java.io.File.pathSeparator + dependencies : dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException("no class path for " + module + ": build the module first", e);
        }
    }

    public Path javaExecutable() {
        return javaHome.resolve("bin/java");
    }

    @Override
    public String toString() {
        return name;
    }
}
