package io.corsagent.hooks.liberty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import io.corsagent.hooks.HookPoint;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.pool.TypePool;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.ibm.websphere.servlet.request.IRequest;

/**
 * The Liberty advice is compiled against stubs: this test holds them, and the hook's points, to the class files of
 * the real distribution's web container bundles, the javax one and the jakarta one, which carry the same class
 * names. Every stub type must exist there with the same kind (class or interface); every stub method and field
 * must exist on that type or a supertype with the same descriptor, static-ness and public access; every hook point
 * must match exactly one method of its class; and every value the advice binds ({@code @Advice.This},
 * {@code Argument}, {@code FieldValue}) must exist there with a type the advice can take.
 */
class LibertyMembersTest {

    private static final Pattern WEB_CONTAINER_BUNDLE =
            Pattern.compile("wlp/lib/com\\.ibm\\.ws\\.webcontainer(\\.jakarta)?_[0-9.]+\\.jar");

    /** "javax" or "jakarta" to the class files of that web container bundle, by binary name. */
    private static final Map<String, Map<String, byte[]>> BUNDLES = new HashMap<>();

    private static final Map<String, TypePool> POOLS = new HashMap<>();

    private static List<String> stubTypes;

    @BeforeAll
    static void readDistribution() throws IOException, URISyntaxException {
        String distribution = System.getProperty("liberty.distribution");
        assertNotNull(distribution, "system property liberty.distribution (set by the module's build)");
        try (ZipFile zip = new ZipFile(distribution)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (WEB_CONTAINER_BUNDLE.matcher(entry.getName()).matches()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        BUNDLES.put(entry.getName().contains(".jakarta_") ? "jakarta" : "javax", classFiles(in));
                    }
                }
            }
        }
        assertEquals(2, BUNDLES.size(), "web container bundles in " + distribution + ": " + BUNDLES.keySet());
        Path stubs = Paths.get(IRequest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        stubTypes = new ArrayList<>();
        if (Files.isDirectory(stubs)) {
            try (Stream<Path> files = Files.walk(stubs)) {
                files.map(file -> stubs.relativize(file).toString().replace(File.separatorChar, '/'))
                        .forEach(LibertyMembersTest::addStubType);
            }
        } else {
            try (ZipFile jar = new ZipFile(stubs.toFile())) {
                Collections.list(jar.entries()).forEach(entry -> addStubType(entry.getName()));
            }
        }
        assertFalse(stubTypes.isEmpty(), "stub classes in " + stubs);
    }

    private static void addStubType(String path) {
        if (path.endsWith(".class")) {
            stubTypes.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
    }

    private static Map<String, byte[]> classFiles(InputStream jar) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        ZipInputStream in = new ZipInputStream(jar);
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
            String name = entry.getName();
            if (name.endsWith(".class")) {
                classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
            }
        }
        return classes;
    }

    private static TypePool realTypes(String bundle) {
        // The JDK's own types come from the JDK; the servlet API and the rest of Liberty stay unresolved, and a
        // lazy pool names them without resolving them.
        return POOLS.computeIfAbsent(bundle, name -> TypePool.Default.WithLazyResolution.of(
                new ClassFileLocator.Compound(new ClassFileLocator.Simple(BUNDLES.get(name)),
                        ClassFileLocator.ForClassLoader.ofBootLoader())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javax", "jakarta"})
    void everyStubMemberHasItsRealCounterpart(String bundle) {
        TypePool real = realTypes(bundle);
        TypePool stubs = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        List<String> problems = new ArrayList<>();
        for (String name : stubTypes) {
            TypeDescription stub = stubs.describe(name).resolve();
            TypePool.Resolution resolution = real.describe(name);
            if (!resolution.isResolved()) {
                problems.add(name + ": no such type");
                continue;
            }
            TypeDescription type = resolution.resolve();
            if (type.isInterface() != stub.isInterface()) {
                problems.add(name + ": interface " + type.isInterface() + ", stub says " + stub.isInterface());
            }
            for (MethodDescription.InDefinedShape method : stub.getDeclaredMethods()) {
                if (method.isConstructor() || method.isTypeInitializer()) {
                    continue;
                }
                MethodDescription match = method(bundle, type, method.getInternalName(), method.getDescriptor());
                if (match == null || match.isStatic() != method.isStatic() || !match.isPublic()) {
                    problems.add(name + "#" + method.getInternalName() + method.getDescriptor() + ": "
                            + (match == null ? "missing" : "found as " + match));
                }
            }
            for (FieldDescription.InDefinedShape field : stub.getDeclaredFields()) {
                FieldDescription match = field(bundle, type, field.getName());
                if (match == null || !match.getDescriptor().equals(field.getDescriptor())
                        || match.isStatic() != field.isStatic() || !match.isPublic()) {
                    problems.add(name + "." + field.getName() + ": " + (match == null ? "missing" : "found as " + match));
                }
            }
        }
        assertEquals(List.of(), problems, "stub members unlike Liberty's (" + bundle + ") among " + stubTypes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javax", "jakarta"})
    void everyHookPointMatchesOneMethodWhoseValuesTheAdviceCanBind(String bundle) throws ClassNotFoundException {
        TypePool real = realTypes(bundle);
        List<HookPoint> points = new LibertyHook().points();
        assertFalse(points.isEmpty());
        for (HookPoint point : points) {
            TypeDescription type = real.describe(point.className()).resolve();
            MethodList<MethodDescription.InDefinedShape> matched = type.getDeclaredMethods().filter(point.methods());
            assertEquals(1, matched.size(), point + " in the " + bundle + " bundle matches " + matched);
            MethodDescription hooked = matched.getOnly();
            for (Method adviceMethod : Class.forName(point.adviceClass()).getDeclaredMethods()) {
                if (adviceMethod.isAnnotationPresent(Advice.OnMethodEnter.class)
                        || adviceMethod.isAnnotationPresent(Advice.OnMethodExit.class)) {
                    checkBindings(bundle, type, hooked, adviceMethod);
                }
            }
        }
    }

    private static void checkBindings(String bundle, TypeDescription type, MethodDescription hooked, Method advice) {
        Annotation[][] annotations = advice.getParameterAnnotations();
        Class<?>[] parameters = advice.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            String expected = parameters[i].getName();
            for (Annotation annotation : annotations[i]) {
                String bound;
                if (annotation instanceof Advice.This) {
                    bound = type.getName();
                } else if (annotation instanceof Advice.Argument) {
                    bound = hooked.getParameters().get(((Advice.Argument) annotation).value()).getType().asErasure()
                            .getName();
                } else if (annotation instanceof Advice.FieldValue) {
                    String fieldName = ((Advice.FieldValue) annotation).value();
                    FieldDescription field = field(bundle, type, fieldName);
                    if (field == null) {
                        fail(advice + " binds the field " + fieldName + ", which " + type.getName() + " lacks");
                    }
                    bound = field.getType().asErasure().getName();
                } else {
                    continue;
                }
                assertEquals(expected, bound, advice + ", parameter " + i + " (" + annotation + ")");
            }
        }
    }

    /** The method of that name and descriptor that {@code type} declares or inherits within the bundle. */
    private static MethodDescription method(String bundle, TypeDescription type, String name, String descriptor) {
        for (TypeDescription current : hierarchy(bundle, type)) {
            for (MethodDescription method : current.getDeclaredMethods()) {
                if (method.getInternalName().equals(name) && method.getDescriptor().equals(descriptor)) {
                    return method;
                }
            }
        }
        return null;
    }

    private static FieldDescription field(String bundle, TypeDescription type, String name) {
        for (TypeDescription current : hierarchy(bundle, type)) {
            for (FieldDescription field : current.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return field;
                }
            }
        }
        return null;
    }

    /** The type, its superclasses and its interfaces, as far as the bundle (and the JDK) has them. */
    private static List<TypeDescription> hierarchy(String bundle, TypeDescription type) {
        TypePool real = realTypes(bundle);
        List<TypeDescription> types = new ArrayList<>();
        List<String> pending = new ArrayList<>(List.of(type.getName()));
        while (!pending.isEmpty()) {
            String name = pending.remove(0);
            TypePool.Resolution resolution = real.describe(name);
            if (!resolution.isResolved() || types.contains(resolution.resolve())) {
                continue;
            }
            types.add(resolution.resolve());
            // Read from the class file: Byte Buddy would resolve the servlet API's types to describe them.
            byte[] classFile = BUNDLES.get(bundle).get(name);
            if (classFile != null) {
                ClassReader reader = new ClassReader(classFile);
                if (reader.getSuperName() != null) {
                    pending.add(reader.getSuperName().replace('/', '.'));
                }
                for (String implemented : reader.getInterfaces()) {
                    pending.add(implemented.replace('/', '.'));
                }
            }
        }
        return types;
    }
}
