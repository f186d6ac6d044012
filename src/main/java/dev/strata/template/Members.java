package dev.strata.template;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
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
            return field == null ? Object.class : field.getType();
        }
    }

    /** Stands for "looked up, no such member" in the cache, which cannot hold null. */
    private static final Member NONE = new FieldMember(null);

    private static final ClassValue<Map<String, Member>> CACHE = new ClassValue<>() {
        @Override
        protected Map<String, Member> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** The member called {@code name}, or null. */
    static Member find(Class<?> type, String name) {
        Map<String, Member> members = CACHE.get(type);
        Member member = members.get(name);
        if (member == null) {
            Member found = lookup(type, name);
            member = found == null ? NONE : found;
            members.put(name, member);
        }
        return member == NONE ? null : member;
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
