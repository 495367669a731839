package io.corsagent.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.corsagent.policy.PolicyLoader;

/** What import reads and how it translates, where running the original filter is not the point. */
class PolicyImporterTest {

    private static Path resource(String app) throws Exception {
        return Paths.get(PolicyImporterTest.class.getResource("/import/" + app).toURI());
    }

    private static void assertValid(String policy) {
        assertTrue(PolicyLoader.parse("imported.properties", policy).isValid(), policy);
    }

    @Test
    void springMvcCorsMappingsUnderTheDispatcherServletsPath() throws Exception {
        PolicyImporter importer = new PolicyImporter(resource("spring-cors"), null);
        String policy = importer.importPolicy();
        assertValid(policy);
        String orders = "path./spring-cors/rest/orders/**.";
        assertTrue(policy.contains("\n" + orders + "allowed-origins = https://shop.example.com,"
                + " https://admin.example.com\n" + orders + "allowed-methods = PUT, DELETE\n" + orders
                + "allowed-headers = Content-Type, X-Client-Version\n" + orders + "exposed-headers = X-Request-Id\n"
                + orders + "allow-credentials = true\n" + orders + "max-age = 900\n" + orders
                + "reject-disallowed = true\n"), policy);
        String open = "path./spring-cors/rest/public/**.";
        assertTrue(policy.contains("\n" + open + "allowed-origins = *\n" + open + "allowed-headers = *\n" + open
                + "allow-credentials = false\n" + open + "max-age = 1800\n"), "Spring's defaults: " + policy);
        assertEquals(2, importer.filtersFound());
    }

    @Test
    void aCorsFilterMappedAfterAnAuthenticationFilterIsWarnedAbout() throws Exception {
        PolicyImporter importer = new PolicyImporter(resource("misordered").resolve("WEB-INF/web.xml"), "/");
        String policy = importer.importPolicy();
        assertValid(policy);
        assertTrue(policy.contains("\n# WARNING: Jetty's CrossOriginFilter 'cors' ("), policy);
        assertTrue(policy.contains(") is mapped after springSecurityFilterChain, which looks like authentication:"
                + " preflights (sent without credentials) were refused there before the CORS filter ran."), policy);
        // Jetty's defaults: any origin, with credentials: echoed to every site. Not carried over.
        assertTrue(policy.contains("allowedOrigins = * with allowCredentials = true (Jetty's default)"), policy);
        assertTrue(policy.contains("\nallowed-origins = *\n"), policy);
        assertTrue(policy.contains("\nallow-credentials = false\n"), policy);
    }

    @Test
    void aWarsWebFragmentsAreRead(@TempDir Path dir) throws Exception {
        Path war = dir.resolve("shop.war");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            entry(zip, "WEB-INF/web.xml", "<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"4.0\"/>"
                    .getBytes(StandardCharsets.UTF_8));
            entry(zip, "WEB-INF/lib/cors-config.jar", jar("META-INF/web-fragment.xml", String.join("\n",
                    "<web-fragment xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"4.0\">",
                    "  <filter><filter-name>cors</filter-name>",
                    "    <filter-class>org.apache.catalina.filters.CorsFilter</filter-class>",
                    "    <init-param><param-name>cors.allowed.origins</param-name>",
                    "      <param-value>https://app.example.com</param-value></init-param>",
                    "  </filter>",
                    "  <filter-mapping><filter-name>cors</filter-name><url-pattern>*.json</url-pattern>",
                    "  </filter-mapping>",
                    "</web-fragment>")));
        }
        String policy = new PolicyImporter(war, null).importPolicy();
        assertValid(policy);
        assertTrue(policy.contains("# from Tomcat's CorsFilter 'cors' (" + war
                + "!/WEB-INF/lib/cors-config.jar!/META-INF/web-fragment.xml)\n"
                + "path./shop/**/*.json.allowed-origins = https://app.example.com\n"), policy);
        assertTrue(policy.contains("\npath./shop/**/*.json.max-age = 1800\n"), "Tomcat's default: " + policy);
    }

    @Test
    void noCorsFilterAndBrokenXml(@TempDir Path dir) throws Exception {
        Path plain = Files.createDirectories(dir.resolve("ROOT/WEB-INF")).resolve("web.xml");
        Files.write(plain, "<web-app/>".getBytes(StandardCharsets.UTF_8));
        PolicyImporter importer = new PolicyImporter(plain, null);
        String policy = importer.importPolicy();
        assertEquals(0, importer.filtersFound());
        assertTrue(policy.contains("# no CORS filter found\n"), policy);
        assertValid(policy);

        Files.write(plain, "<web-app><filter>".getBytes(StandardCharsets.UTF_8));
        IOException broken = assertThrows(IOException.class, () -> new PolicyImporter(plain, null).importPolicy());
        assertTrue(broken.getMessage().contains("not well-formed XML"), broken.getMessage());
    }

    @Test
    void externalEntitiesAreNeverRead(@TempDir Path dir) throws Exception {
        Path secret = Files.write(dir.resolve("secret.txt"), "https://leaked.example".getBytes(StandardCharsets.UTF_8));
        Path webXml = Files.createDirectories(dir.resolve("app/WEB-INF")).resolve("web.xml");
        Files.write(webXml, ("<?xml version=\"1.0\"?><!DOCTYPE web-app [<!ENTITY s SYSTEM \"" + secret.toUri()
                + "\">]><web-app><filter><filter-name>c</filter-name><filter-class>"
                + "org.apache.catalina.filters.CorsFilter</filter-class><init-param><param-name>cors.allowed.origins"
                + "</param-name><param-value>&s;</param-value></init-param></filter><filter-mapping><filter-name>c"
                + "</filter-name><url-pattern>/*</url-pattern></filter-mapping></web-app>")
                .getBytes(StandardCharsets.UTF_8));
        String policy;
        try {
            policy = new PolicyImporter(webXml, null).importPolicy();
        } catch (IOException refused) {
            return;
        }
        assertTrue(!policy.contains("leaked"), policy);
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] jar(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes)) {
            entry(jar, name, content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
