package dev.strata.template;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds what {@code .Name} means on a Java object: a public method called exactly {@code Name}
 * (a record component accessor is one), else a public field of that name. Go matches exported
 * names exactly, so there is no getter-name guessing. Lookups are cached per class and per name on
 * first use, so nothing is scanned up front.
 */
final class Members {

    private Members() {
    }

    /** A resolved member: a method (possibly taking arguments) or a field. */
    sealed interface Member permits MethodMember, FieldMember {
        Class<?> type();
    }

    record MethodMember(Method method) implements Member {
        @Override
        public Class<?> type() {
            return method.getReturnType();
        }
    }

    record FieldMember(Field field) implements Member {
        @Override
        public Class<?> type() {
            return field.getType();
        }
    }

    private static final ClassValue<Map<String, Optional<Member>>> CACHE = new ClassValue<>() {
        @Override
        protected Map<String, Optional<Member>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    static Optional<Member> find(Class<?> type, String name) {
        return CACHE.get(type).computeIfAbsent(name, n -> Optional.ofNullable(lookup(type, n)));
    }

    private static Member lookup(Class<?> type, String name) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && !Modifier.isStatic(method.getModifiers())
                    && method.getDeclaringClass() != Object.class && method.getDeclaringClass() != Record.class
                    && method.getReturnType() != void.class) {
                // A public method of a non-public class (a package-private record) needs this to be invoked.
                method.trySetAccessible();
                return new MethodMember(method);
            }
        }
        try {
            Field field = type.getField(name);
            if (!Modifier.isStatic(field.getModifiers())) {
                field.trySetAccessible();
                return new FieldMember(field);
            }
        } catch (NoSuchFieldException e) {
            // no such member: the caller reports Go's "can't evaluate field"
        }
        return null;
    }
}
