package io.corsagent.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * A web application as {@code import} reads it: a {@code web.xml} file (its webapp folder is the parent of its
 * {@code WEB-INF}), an exploded webapp folder, or a WAR file. Gives its descriptors ({@code WEB-INF/web.xml}, then
 * the {@code META-INF/web-fragment.xml} of each jar in {@code WEB-INF/lib}) and its other files by path.
 */
final class WebApp {

    private static final int MAX_FILE = 16 * 1024 * 1024;

    /** The exploded webapp folder, or {@code null}. */
    private final Path root;
    /** A web.xml given alone (outside a WEB-INF folder), or {@code null}. */
    private final Path webXml;
    /** The WAR file, or {@code null}. */
    private final Path war;

    private WebApp(Path root, Path webXml, Path war) {
        this.root = root;
        this.webXml = webXml;
        this.war = war;
    }

    static WebApp open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new WebApp(path, null, null);
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + ": no such file or folder");
        }
        if (fileName(path).endsWith(".war")) {
            return new WebApp(null, null, path);
        }
        Path parent = path.toAbsolutePath().getParent();
        boolean inWebInf = parent != null && "WEB-INF".equals(fileName(parent)) && parent.getParent() != null;
        return inWebInf ? new WebApp(parent.getParent(), null, null) : new WebApp(null, path, null);
    }

    private static String fileName(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        return name == null ? "" : name.toString();
    }

    /**
     * The context path a container deploys it under by default: a WAR's or folder's name ({@code ROOT}: the root),
     * or {@code null} when it cannot be told (a lone web.xml).
     */
    String defaultContextPath() {
        String deployed;
        if (war != null) {
            deployed = fileName(war).substring(0, fileName(war).length() - ".war".length());
        } else if (root != null) {
            deployed = fileName(root);
        } else {
            return null;
        }
        return deployed.equals("ROOT") || deployed.isEmpty() ? "" : "/" + deployed.replace('#', '/');
    }

    /** The deployment descriptor, then the web fragments of the jars in {@code WEB-INF/lib}. */
    List<WebXml> descriptors() throws IOException {
        List<WebXml> descriptors = new ArrayList<>();
        byte[] main = file("WEB-INF/web.xml");
        if (main != null) {
            descriptors.add(WebXml.parse(describe("WEB-INF/web.xml"), main));
        } else if (webXml != null) {
            descriptors.add(WebXml.parse(webXml.toString(), read(Files.newInputStream(webXml))));
        }
        for (String jar : libraryJars()) {
            byte[] fragment = jarEntry(file(jar), "META-INF/web-fragment.xml");
            if (fragment != null) {
                descriptors.add(WebXml.parse(describe(jar) + "!/META-INF/web-fragment.xml", fragment));
            }
        }
        return descriptors;
    }

    String describe(String inner) {
        if (war != null) {
            return war + "!/" + inner;
        }
        return root == null ? webXml.toString() : root.resolve(inner).toString();
    }

    /** A file of the webapp by its path inside it, or {@code null} when absent (or when only a web.xml was given). */
    byte[] file(String inner) throws IOException {
        String path = inner.startsWith("/") ? inner.substring(1) : inner;
        if (war != null) {
            try (ZipFile zip = new ZipFile(war.toFile())) {
                ZipEntry entry = zip.getEntry(path);
                return entry == null ? null : read(zip.getInputStream(entry));
            }
        }
        if (root == null) {
            return null;
        }
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root.normalize()) || !Files.isRegularFile(file)) {
            return null;
        }
        return read(Files.newInputStream(file));
    }

    /** A class path resource as the webapp's class loader finds it: WEB-INF/classes, then the jars of WEB-INF/lib. */
    byte[] classPathResource(String resource) throws IOException {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        byte[] found = file("WEB-INF/classes/" + path);
        if (found != null) {
            return found;
        }
        for (String jar : libraryJars()) {
            found = jarEntry(file(jar), path);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private List<String> libraryJars() throws IOException {
        List<String> jars = new ArrayList<>();
        if (war != null) {
            try (ZipFile zip = new ZipFile(war.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    String entry = entries.nextElement().getName();
                    if (entry.startsWith("WEB-INF/lib/") && entry.endsWith(".jar") && entry.indexOf('/', 12) < 0) {
                        jars.add(entry);
                    }
                }
            }
        } else if (root != null && Files.isDirectory(root.resolve("WEB-INF/lib"))) {
            try (DirectoryStream<Path> lib = Files.newDirectoryStream(root.resolve("WEB-INF/lib"), "*.jar")) {
                for (Path jar : lib) {
                    jars.add("WEB-INF/lib/" + jar.getFileName());
                }
            }
        }
        jars.sort(null);
        return jars;
    }

    private static byte[] jarEntry(byte[] jar, String entryName) throws IOException {
        if (jar == null) {
            return null;
        }
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(entryName)) {
                    return read(in);
                }
            }
        }
        return null;
    }

    private static byte[] read(InputStream in) throws IOException {
        try (InputStream input = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = input.read(buffer); n >= 0; n = input.read(buffer)) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_FILE) {
                    throw new IOException("a file of the webapp is larger than " + MAX_FILE + " bytes");
                }
            }
            return out.toByteArray();
        }
    }
}
