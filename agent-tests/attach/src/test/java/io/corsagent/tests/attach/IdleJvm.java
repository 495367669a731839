package io.corsagent.tests.attach;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A forked {@link IdleApp}, run as {@code java [options] -jar <jar>}: the jar's name is what {@code list} shows and
 * what {@code attach <name>} matches, so each test names its jar uniquely and cannot meet another run's JVMs.
 */
final class IdleJvm implements AutoCloseable {

    private final Process process;

    private IdleJvm(Process process) {
        this.process = process;
    }

    /** Writes a runnable jar of {@link IdleApp}. */
    static Path jar(Path path) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, IdleApp.class.getName());
        String entry = IdleApp.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(path), manifest);
             InputStream in = IdleApp.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            in.transferTo(jar);
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    static IdleJvm start(Path jar, String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!IdleApp.READY.equals(line)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not start: " + line);
            }
            return new IdleJvm(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String pid() {
        return Long.toString(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        try (OutputStream in = process.getOutputStream()) {
            in.flush();
        } catch (IOException e) {
            // Already gone.
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
