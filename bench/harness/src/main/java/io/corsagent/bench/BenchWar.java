package io.corsagent.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bench app as a WAR, for a line that deploys one: the module's {@code src/main/webapp} (the descriptor), and in
 * {@code WEB-INF/lib} the jars its build lists in {@code target/classpath.txt} (the test app and the bench app).
 */
final class BenchWar {

    private BenchWar() {
    }

    static void write(String module, Path war) throws IOException {
        Path webapp = BenchFiles.ROOT.resolve("bench").resolve(module).resolve("src/main/webapp");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war));
             Stream<Path> files = Files.walk(webapp)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                add(zip, webapp.relativize(file).toString().replace('\\', '/'), file);
            }
            for (Path jar : BenchFiles.serverLibraries(module)) {
                add(zip, "WEB-INF/lib/" + jar.getFileName(), jar);
            }
        }
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, (OutputStream) zip);
        zip.closeEntry();
    }
}
