package io.corsagent.tests.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * One container line: a module under {@code agent-tests/servers/<name>} whose main class starts the container with
 * the test app, or an executable jar (a Spring Boot app) run with {@code java -jar}; and the JVM to run it on.
 *
 * @param name          the module directory under {@code agent-tests/servers}, e.g. {@code tomcat9}; for an
 *                      executable jar only a name
 * @param mainClass     the server's main class; {@code null} for an executable jar
 * @param javaHome      the JDK the server runs on (the test JVM's own unless a line says otherwise)
 * @param executableJar for a line run with {@code java -jar}, the jar's path within {@code agent-tests}, else
 *                      {@code null}
 */
public record ServerLine(String name, String mainClass, Path javaHome, String executableJar) {

    public ServerLine(String name, String mainClass, Path javaHome) {
        this(name, mainClass, javaHome, null);
    }

    /** A line that runs on the same JDK as the tests. */
    public static ServerLine of(String name, String mainClass) {
        return new ServerLine(name, mainClass, Paths.get(System.getProperty("java.home")));
    }

    /**
     * An executable jar run as {@code java -jar <jar>} on the tests' JDK: its manifest names the main class (a
     * Spring Boot jar's is Boot's launcher, which loads the app from the jars nested in it).
     *
     * @param jarPath the jar's path within {@code agent-tests}, e.g.
     *                {@code spring-boot/boot3/target/spring-boot-app.jar}
     */
    public static ServerLine executableJar(String name, String jarPath) {
        return new ServerLine(name, null, Paths.get(System.getProperty("java.home")), jarPath);
    }

    /** The same line on another JDK, e.g. {@code /usr/lib/jvm/temurin-25-jdk-amd64}. */
    public ServerLine onJava(Path otherJavaHome, String suffix) {
        return new ServerLine(name + suffix, mainClass, otherJavaHome, executableJar);
    }

    /** What follows the JVM options: {@code -cp <class path> <main class>}, or {@code -jar <jar>}. */
    public List<String> launchArguments() {
        return executableJar == null ? List.of("-cp", classPath(), mainClass) : List.of("-jar", jar().toString());
    }

    /** What the JVM reports as its command's first word: the main class, or the jar of {@code java -jar}. */
    public String processName() {
        return executableJar == null ? mainClass : jar().toString();
    }

    private Path jar() {
        Path jar = TestPaths.testsDir().resolve(executableJar).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build its module first");
        }
        return jar;
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
