package dev.strata.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Golden;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public surface of the library, every public and protected signature of its two packages, against
 * the golden file {@code public-api.txt}: a change to the API fails here until the golden file is
 * written again ({@code -Dgolden.update=true}) and the diff reviewed, so no change to it is an accident.
 * And the API stands on its own: no signature names a type of another Strata package.
 */
class PublicApiTest {
    static final List<String> PACKAGES = List.of("dev.strata.embed", "dev.strata.junit");

    @Test
    void everyPublicSignatureIsTheGoldenOne() throws Exception {
        StringBuilder out = new StringBuilder();
        for (Class<?> type : publicTypes()) {
            out.append(describe(type)).append('\n');
            for (String member : members(type)) {
                out.append("    ").append(member).append('\n');
            }
        }
        Golden.assertMatches("public-api.txt", out.toString());
    }

    @Test
    void noSignatureNamesATypeOfAnotherStrataPackage() throws Exception {
        Set<String> foreign = new TreeSet<>();
        for (Class<?> type : publicTypes()) {
            List<Type> used = new ArrayList<>();
            if (type.getGenericSuperclass() != null) {
                used.add(type.getGenericSuperclass());
            }
            used.addAll(List.of(type.getGenericInterfaces()));
            for (Member member : publicMembers(type)) {
                switch (member) {
                    case Method m -> {
                        used.add(m.getGenericReturnType());
                        used.addAll(List.of(m.getGenericParameterTypes()));
                        used.addAll(List.of(m.getGenericExceptionTypes()));
                    }
                    case Constructor<?> c -> {
                        used.addAll(List.of(c.getGenericParameterTypes()));
                        used.addAll(List.of(c.getGenericExceptionTypes()));
                    }
                    case Field f -> used.add(f.getGenericType());
                    default -> throw new AssertionError(member);
                }
            }
            for (Type t : used) {
                for (Class<?> named : classesIn(t)) {
                    String name = named.getName();
                    boolean api = PACKAGES.contains(named.getPackageName());
                    boolean jdk = name.startsWith("java.");
                    boolean junit = type.getPackageName().equals("dev.strata.junit") && name.startsWith("org.junit.jupiter.api.");
                    if (!api && !jdk && !junit && !named.isPrimitive()) {
                        foreign.add(type.getName() + " uses " + name);
                    }
                }
            }
        }
        assertThat(foreign).isEmpty();
    }

    @Test
    void everyPublicTypeHasJavadocAndEachPackageAContract() throws IOException {
        for (String pkg : PACKAGES) {
            Path dir = Path.of("src/main/java", pkg.replace('.', '/'));
            assertThat(Files.readString(dir.resolve("package-info.java"))).contains("/**").contains("package " + pkg);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> !f.getFileName().toString().equals("package-info.java")).toList()) {
                    String source = Files.readString(file);
                    int declaration = indexOfPublicDeclaration(source);
                    if (declaration < 0) {
                        continue; // package-private: not API
                    }
                    String before = source.substring(0, declaration).strip();
                    assertThat(before).as("Javadoc before the public type of %s", file).endsWith("*/");
                }
            }
        }
    }

    private static int indexOfPublicDeclaration(String source) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?m)^(@[A-Za-z.]+(\\(.*\\))?\\s+)*public (abstract |final |sealed |non-sealed )*(class|record|interface|enum|@interface) ")
                .matcher(source);
        if (!m.find()) {
            return -1;
        }
        return m.start();
    }

    /** The public top-level and member types of the API packages, by name. */
    static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Strata.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        for (String pkg : PACKAGES) {
            try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (!name.endsWith(".class") || name.equals("package-info.class")) {
                        continue;
                    }
                    Class<?> type = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()));
                    if (isPublicApi(type)) {
                        out.add(type);
                    }
                }
            }
        }
        return out;
    }

    private static boolean isPublicApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Class<?> type) {
        StringBuilder s = new StringBuilder();
        int modifiers = type.getModifiers();
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class";
        if (!type.isInterface() && !type.isEnum() && !type.isRecord()) {
            s.append(Modifier.isAbstract(modifiers) ? "abstract " : "").append(Modifier.isFinal(modifiers) ? "final " : "");
        }
        s.append(type.isSealed() ? "sealed " : "").append(kind).append(' ').append(type.getName());
        if (type.isRecord()) {
            s.append(Arrays.stream(type.getRecordComponents()).map(c -> c.getGenericType().getTypeName() + " " + c.getName())
                    .collect(java.util.stream.Collectors.joining(", ", "(", ")")));
        }
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            s.append(" extends ").append(superclass.getTypeName());
        }
        if (type.getGenericInterfaces().length > 0 && !type.isAnnotation()) {
            s.append(type.isInterface() ? " extends " : " implements ").append(Arrays.stream(type.getGenericInterfaces())
                    .map(Type::getTypeName).collect(java.util.stream.Collectors.joining(", ")));
        }
        if (type.isSealed()) {
            s.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName)
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        return s.toString();
    }

    private static List<Member> publicMembers(Class<?> type) {
        List<Member> out = new ArrayList<>();
        Stream.of(type.getDeclaredConstructors(), type.getDeclaredMethods(), type.getDeclaredFields())
                .flatMap(Arrays::stream)
                .filter(m -> !m.isSynthetic() && (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())
                        && !Modifier.isFinal(type.getModifiers())))
                .filter(m -> !(m instanceof Method method && method.isBridge()))
                .filter(m -> !(type.isEnum() && m instanceof Field f && f.isEnumConstant()))
                .forEach(out::add);
        return out;
    }

    private static List<String> members(Class<?> type) {
        List<String> out = new ArrayList<>();
        if (type.isEnum()) {
            out.add("constants " + Arrays.toString(type.getEnumConstants()));
        }
        for (Member member : publicMembers(type)) {
            String signature = switch (member) {
                case Executable e -> e.toGenericString();
                case Field f -> f.toGenericString();
                default -> throw new AssertionError(member);
            };
            // how a method is synchronized is no part of its contract
            signature = signature.replace("synchronized ", "");
            if (member instanceof Method m && m.getDefaultValue() != null) {
                signature += " default " + (m.getDefaultValue() instanceof String text ? '"' + text + '"' : m.getDefaultValue());
            }
            if (member instanceof Field f && Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())) {
                try {
                    signature += " = " + f.get(null);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
            out.add(signature);
        }
        out.sort(null);
        return out;
    }

    /** Every class a type names, type arguments and bounds included. */
    private static List<Class<?>> classesIn(Type type) {
        List<Class<?>> out = new ArrayList<>();
        switch (type) {
            case Class<?> c -> out.add(c.isArray() ? c.componentType() : c);
            case ParameterizedType p -> {
                out.addAll(classesIn(p.getRawType()));
                for (Type argument : p.getActualTypeArguments()) {
                    out.addAll(classesIn(argument));
                }
            }
            case GenericArrayType a -> out.addAll(classesIn(a.getGenericComponentType()));
            case WildcardType w -> {
                for (Type bound : w.getUpperBounds()) {
                    out.addAll(classesIn(bound));
                }
                for (Type bound : w.getLowerBounds()) {
                    out.addAll(classesIn(bound));
                }
            }
            case TypeVariable<?> v -> {
                for (Type bound : v.getBounds()) {
                    out.addAll(classesIn(bound));
                }
            }
            default -> throw new AssertionError(type);
        }
        return out;
    }
}
